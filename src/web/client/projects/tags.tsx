// A project's status, the user's role in it, and "closed" when it takes no assignments.
import type { Project } from '../api/types.js';

export function ProjectTags({ project: p }: { project: Project }) {
  return (
    <span class="tags">
      <span class={`tag tag-${p.status}`}>{p.status}</span>
      {p.myRole ? <span class="tag tag-role">{p.myRole}</span> : null}
      {p.acceptsAssignments ? null : (
        <span class="tag tag-closed" title={p.assignmentsBlockedBecause ?? ''}>
          closed
        </span>
      )}
    </span>
  );
}
