package dev.poolscope.tuning;

import dev.poolscope.engine.InvalidSpecException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerCountsTest {

    @Test
    void parse_list_isSortedWithoutDuplicates() {
        assertEquals(List.of(1, 2, 4, 8), WorkerCounts.parse("8, 4,2,1,2", 1024));
    }

    @Test
    void parse_range_includesBothEnds() {
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), WorkerCounts.parse("1..8", 1024));
    }

    @Test
    void parse_steppedAndDoublingRanges_includeTheirEnd() {
        assertEquals(List.of(2, 7, 12, 14), WorkerCounts.parse("2..14:5", 1024));
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64), WorkerCounts.parse("1..64:x2", 1024));
        assertEquals(List.of(1, 2, 3, 4, 8, 16), WorkerCounts.parse("1..4,8,16", 1024));
    }

    @Test
    void parse_badInput_namesTheOptionAndTheForms() {
        for (String bad : new String[] {"", "a", "1..", "8..1", "0", "1,,2", "1..8:0", "1..8:x1", "2000"}) {
            InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> WorkerCounts.parse(bad, 1024), bad);
            assertEquals("--workers", e.field());
            assertTrue(e.getMessage().length() < 200 && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void parse_tooManyPoints_isRefusedWithAHint() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> WorkerCounts.parse("1..1000", 10_000));
        assertTrue(e.getMessage().contains("1..1000:50"), e.getMessage());
    }

    @Test
    void format_roundTrips() {
        assertEquals("1..8", WorkerCounts.format(WorkerCounts.parse("1..8", 64)));
        assertEquals("1,2,4,8", WorkerCounts.format(List.of(1, 2, 4, 8)));
    }
}
