// What a coupling-list upload did (imported, rejected lines with their reasons, studies assigned at
// once), and the file format, with examples drawn from the project's own rules.
import type { CouplingUpload, Project } from '../api/types.js';
import { exampleId } from './participant-rule.js';

const SHOWN_ERRORS = 50;

export function CouplingFormatHelp({ project }: { project: Project }) {
  const first = exampleId(project.participantPattern) ?? 'participant-ID';
  const second = exampleId(project.participantPattern, 2) ?? first;
  const [e1, e2 = e1] = project.events;
  return (
    <div class="format-help">
      <h3>Format</h3>
      <ul>
        <li>
          One line per study: <strong>accession number</strong>, <strong>participant ID</strong> and, optionally, the <strong>event</strong>.
        </li>
        <li>Fields separated by a comma or a semicolon; a header row is optional.</li>
        <li>
          Participant IDs must match <code>{project.participantPattern}</code>. Without an event, the first one ({e1}) is used.
        </li>
      </ul>
      <pre class="csv-example" aria-label="Example coupling list">{`accession;participant;event\nA2024-0017;${first};${e1}\nA2024-0018;${second};${e2}\nA2024-0019;${first}`}</pre>
    </div>
  );
}

export function CouplingUploadResult({ fileName, result }: { fileName: string; result: CouplingUpload }) {
  const { imported, rejected, errors, assigned } = result;
  const shown = errors.slice(0, SHOWN_ERRORS);
  return (
    <div class={`upload-result${rejected ? ' has-errors' : ''}`} role="group" aria-labelledby="upload-result-title">
      <h3 id="upload-result-title" tabIndex={-1}>
        Uploaded <span class="mono">{fileName}</span>
      </h3>
      <ul class="stats">
        <li class="stat stat-ok">
          <span class="stat-n">{String(imported)}</span>
          <span class="stat-label">imported</span>
        </li>
        <li class={`stat ${rejected ? 'stat-bad' : ''}`}>
          <span class="stat-n">{String(rejected)}</span>
          <span class="stat-label">rejected</span>
        </li>
        <li class="stat">
          <span class="stat-n">{String(assigned.length)}</span>
          <span class="stat-label">studies assigned now</span>
        </li>
      </ul>
      {shown.length ? (
        <>
          <p class="result-note">
            {rejected === 1
              ? 'This line was not imported. Correct it and upload the file again: lines already on the list are not added twice.'
              : `These ${rejected} lines were not imported. Correct them and upload the file again: lines already on the list are not added twice.`}
          </p>
          <ul class="line-errors" aria-label="Rejected lines">
            {shown.map((e) => (
              <li key={e.line}>
                <span class="line-no">{`Line ${e.line}`}</span>
                <span>{e.error}</span>
              </li>
            ))}
            {errors.length > shown.length ? <li class="muted">{`… and ${errors.length - shown.length} more`}</li> : null}
          </ul>
        </>
      ) : null}
      {assigned.length ? (
        <p class="result-note">
          {`Assigned from the quarantine: ${assigned.map((a) => a.accessionNumber).join(', ')}. Follow them on `}
          <a href="/transfers" data-link>
            Transfers
          </a>
          .
        </p>
      ) : imported ? (
        <p class="result-note muted">No study with these accession numbers is in the quarantine yet; they will be assigned when they arrive.</p>
      ) : null}
    </div>
  );
}
