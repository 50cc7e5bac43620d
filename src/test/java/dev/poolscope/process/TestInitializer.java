package dev.poolscope.process;

/** A worker initializer for tests: records in a system property that it ran, and how often. */
public class TestInitializer {
    public TestInitializer() {
        int n = Integer.getInteger("poolscope.test.init", 0);
        System.setProperty("poolscope.test.init", Integer.toString(n + 1));
    }
}
