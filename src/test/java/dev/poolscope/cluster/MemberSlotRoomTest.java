package dev.poolscope.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class MemberSlotRoomTest {

    /** How many tasks the slot takes before it has no room. */
    private static int roomFor(MemberSlot s) {
        int n = 0;
        while (s.hasRoom() && n < 100_000) {
            s.held.put((long) n, null);
            n++;
        }
        s.held.clear();
        return n;
    }

    private static MemberSlot upSlot(int threads) {
        MemberSlot s = new MemberSlot(0, threads, null);
        s.standing = MemberSlot.Standing.UP;
        return s;
    }

    @Test
    void aMemberNotYetTimedHoldsFourTasksPerThread() {
        assertEquals(4, roomFor(upSlot(1)));
        assertEquals(12, roomFor(upSlot(3)));
    }

    @Test
    void aMemberWithLongTasksHoldsOneRunningAndOneReadyPerThread() {
        MemberSlot s = upSlot(2);
        s.timed(27_000_000);
        assertEquals(4, roomFor(s), "27 ms tasks: two per thread, so a faster member takes more of the rest");
    }

    @Test
    void aMemberWithTinyTasksHoldsAbout50MillisecondsOfThem() {
        MemberSlot s = upSlot(1);
        s.timed(10_000);
        assertEquals(5_000, roomFor(s));
    }

    @Test
    void aMemberThatIsNotUpHasNoRoom() {
        MemberSlot s = new MemberSlot(0, 4, null);
        assertFalse(s.hasRoom(), "starting");
        s.standing = MemberSlot.Standing.RETIRING;
        assertFalse(s.hasRoom(), "retiring");
    }
}
