import { describeTrackerConformance } from '@drmaa2/conformance';
import { VirtualClock, memoryTracker } from '../src/index.js';

describeTrackerConformance('memory tracker on a virtual clock', {
  create() {
    const clock = new VirtualClock();
    const plugin = memoryTracker({ clock });
    return {
      plugin,
      now: () => clock.now(),
      requeue: (jobId) => plugin.requeueJob(jobId),
      fault: (error) => plugin.simulateFault(error),
      dispose: () => clock.stop(),
    };
  },
  templates: {
    sleep: (seconds) => ({ remoteCommand: 'sleep', args: [String(seconds)] }),
    exit: (code) => ({ remoteCommand: 'exit', args: [String(code)] }),
    succeed: () => ({ remoteCommand: 'true' }),
    cannotStart: () => ({ remoteCommand: 'sleep', args: ['not-a-number'] }),
  },
});
