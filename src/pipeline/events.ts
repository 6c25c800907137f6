// What the pipeline tells the rest of the process (the web app's live updates, the routing worker).
import type { IndexRecord } from './quarantine/repository.js';

export interface PipelineEvents {
  /** Instances whose index rows were just committed. */
  indexed: [records: IndexRecord[]];
  /** A study went quiet after receiving (first time, or again after late series); it is now due for routing. */
  studyArrived: [studyInstanceUid: string];
}
