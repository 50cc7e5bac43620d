package dev.poolscope.agent;

import dev.poolscope.agent.boot.PoolEntry;
import dev.poolscope.agent.boot.PoolHooks;

/** The MBean through which PoolScope reads the probe: {@code dev.poolscope:type=PoolProbe}. */
public final class PoolProbe implements PoolProbeMBean {
    /** The MBean's object name. */
    public static final String OBJECT_NAME = "dev.poolscope:type=PoolProbe";

    private final DeepAgent agent;

    PoolProbe(DeepAgent agent) {
        this.agent = agent;
    }

    @Override
    public String read() {
        agent.touched();
        agent.findPools();
        StringBuilder sb = new StringBuilder(4096);
        for (PoolEntry e : PoolHooks.pools()) {
            Object pool = e.pool.get();
            if (pool != null) {
                ProbeText.append(sb, e, pool);
            }
        }
        return sb.toString();
    }

    @Override
    public void detach() {
        agent.detach("detached by PoolScope");
    }

    @Override
    public String getVersion() {
        return agent.version();
    }

    @Override
    public String getState() {
        return agent.state();
    }
}
