// What the pipeline tells the rest of the process (the web app's live updates, the routing worker). On
// PostgreSQL the composition root relays studiesChanged and studyArrived between nodes (LISTEN/NOTIFY).
import type { IndexRecord } from './quarantine/repository.js';

export interface PipelineEvents {
  /** Instances whose index rows were just committed. */
  indexed: [records: IndexRecord[]];
  /** Studies that changed (instances indexed), on this node or — over PostgreSQL — on another one. */
  studiesChanged: [studyInstanceUids: string[]];
  /** A study went quiet after receiving (first time, or again after late series); it is now due for routing. */
  studyArrived: [studyInstanceUid: string];
}
