package dev.poolscope.process;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Changes a process pool's worker count, under the pool's lock. */
final class WorkerResizer {
    private final WorkerSupervisor sup;

    WorkerResizer(WorkerSupervisor sup) {
        this.sup = sup;
    }

    /**
     * Sets the worker count: growing takes back slots still draining, then adds
     * new ones; shrinking retires idle workers first, then starting ones, then
     * busy ones (after their tasks). Under the lock.
     */
    void resize(int workers) {
        sup.target = workers;
        List<WorkerSlot> active = new ArrayList<>();
        for (WorkerSlot s : sup.slots) {
            if (!s.retiring()) {
                active.add(s);
            }
        }
        int diff = workers - active.size();
        for (WorkerSlot s : sup.slots) {
            if (diff > 0 && s.retiring() && s.moveTo(WorkerSlot.Standing.ACTIVE)) {
                diff--;
                if (s.channel == null) {
                    sup.requestSpawn(s);
                }
            }
        }
        for (; diff > 0; diff--) {
            sup.addSlot();
        }
        if (diff < 0) {
            List<WorkerSlot> order = new ArrayList<>(active);
            order.sort(Comparator.comparingInt(WorkerResizer::shrinkOrder));
            for (int i = 0; i < -diff && i < order.size(); i++) {
                WorkerSlot s = order.get(i);
                s.moveTo(WorkerSlot.Standing.RETIRING);
                if (s.channel == null) {
                    sup.retire(s);
                } else if (!s.channel.handshaken()) {
                    s.channel.kill("retired while starting (pool shrank)");
                }
            }
        }
    }

    private static int shrinkOrder(WorkerSlot s) {
        WorkerChannel c = s.channel;
        if (c == null || !c.handshaken()) {
            return 1;
        }
        return c.inFlight.isEmpty() ? 0 : 2 + c.inFlight.size();
    }
}
