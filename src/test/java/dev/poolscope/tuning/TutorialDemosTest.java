package dev.poolscope.tuning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TutorialDemosTest {

    @Test
    void tutorialBugs_reportsAllThreeParts_withInputOrderForMap() throws Exception {
        TutorialDemos.DemoReport r = TutorialDemos.run(TutorialDemos.TUTORIAL_BUGS);
        String text = String.join("\n", r.lines());
        assertTrue(text.contains("1. Completion order") && text.contains("2. Batch barriers") && text.contains("3. Busy waiting"), text);
        assertTrue(text.contains("[0, 1, 4, 9, 16, 25, 36, 49]"), text);
    }

    @Test
    void unknownDemo_namesTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TutorialDemos.run("nope"));
        assertTrue(e.getMessage().contains("tutorial-bugs"));
    }
}
