// One quarantine study as a card: what the manual's screenshot shows (arrived when, manufacturer,
// modality, description, operator, accession number, station, institution, study date/time, study UID,
// series and images) and never the patient's name or ID — the API does not even send them. Its button
// (or a click on the summary) opens the assign form below it.
import type { ComponentChildren } from 'preact';
import { useId, useRef } from 'preact/hooks';
import type { Study, Transfer } from '../api/types.js';
import { progressText } from '../transfers/feed.js';
import { dicomDateTime, personName, plural, relativeTime } from '../ui/format.js';
import { StatusBadge } from '../ui/page.js';

export interface StudyCardProps {
  study: Study;
  transfer: Transfer | undefined;
  open: boolean;
  fresh: boolean;
  hidden: boolean;
  onOpen(): void;
  onClose(): void;
  /** The assign form, given a way to close the card and give focus back to its button. */
  form: (close: () => void) => ComponentChildren;
}

export function StudyCard({ study, transfer, open, fresh, hidden, onOpen, onClose, form }: StudyCardProps) {
  const panelId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const name = study.accessionNumber || study.studyInstanceUid;
  const closeAndFocus = () => {
    onClose();
    toggle.current?.focus();
  };
  return (
    <li class={`study-card${open ? ' selected' : ''}${fresh ? ' fresh' : ''}`} data-uid={study.studyInstanceUid} hidden={hidden}>
      <div
        class="study-body"
        onClick={() => {
          if (window.getSelection()?.toString()) return; // copying the accession number is not selecting
          if (!open) onOpen();
        }}
      >
        <StudyBody study={study} />
      </div>
      <div class="study-foot">
        <TransferLine transfer={transfer} />
        <button ref={toggle} type="button" class="secondary" aria-expanded={open ? 'true' : 'false'} aria-controls={panelId} aria-label={`${open ? 'Close' : 'Assign'} study ${name}`} onClick={() => (open ? onClose() : onOpen())}>
          {open ? 'Close' : transfer ? 'Assign again…' : 'Assign…'}
        </button>
      </div>
      <div class="assign-panel" id={panelId} hidden={!open}>
        {open ? form(closeAndFocus) : null}
      </div>
    </li>
  );
}

function Item({ label, value, mono = false, wide = false }: { label: string; value: ComponentChildren; mono?: boolean; wide?: boolean }) {
  return (
    <div class={`kv${wide ? ' kv-wide' : ''}`}>
      <dt>{label}</dt>
      <dd class={mono ? 'mono' : undefined}>{value || <span class="none">—</span>}</dd>
    </div>
  );
}

export function StudyBody({ study }: { study: Study }) {
  const arrived = study.arrivedAt ?? study.receivedAt;
  const receiving = !study.arrivedAt;
  return (
    <>
      <div class="study-head">
        <div class="modalities">
          {(study.modalities.length ? study.modalities : ['?']).map((m) => (
            <span class="modality" key={m}>
              {m}
            </span>
          ))}
        </div>
        <h3 class="study-title">{study.studyDescription || <span class="none">No study description</span>}</h3>
        <p class={`arrived${receiving ? ' receiving' : ''}`}>
          {receiving ? [<span class="pulse" aria-hidden="true" key="pulse" />, 'Receiving… '] : 'Arrived '}
          <time dateTime={arrived} title={new Date(arrived).toLocaleString()}>
            {relativeTime(receiving ? study.lastReceivedAt : arrived)}
          </time>
        </p>
      </div>
      <p class="study-keys">
        <span>Accession {study.accessionNumber ? <strong class="accession">{study.accessionNumber}</strong> : <span class="none">none</span>}</span>
        <span>
          Station <strong>{study.stationName || '—'}</strong>
        </span>
        <span class="counts">{`${plural(study.seriesCount, 'series', 'series')} · ${plural(study.instanceCount, 'image')}`}</span>
      </p>
      <dl class="study-details">
        <Item label="Study date/time" value={dicomDateTime(study.studyDate, study.studyTime)} />
        <Item label="Manufacturer" value={[study.manufacturer, study.modelName].filter(Boolean).join(' ')} />
        <Item label="Institution" value={study.institutionName} />
        <Item label="Operator" value={personName(study.operatorsName)} />
        <Item label="Study UID" value={study.studyInstanceUid} mono wide />
      </dl>
    </>
  );
}

export function TransferLine({ transfer }: { transfer: Transfer | undefined }) {
  return (
    <p class="transfer-line" hidden={!transfer} aria-live="polite">
      {transfer ? (
        <>
          <span class="transfer-label">Transfer</span>
          <StatusBadge status={transfer.status} />
          <span class="transfer-target">{`${transfer.project} · ${transfer.participant} · ${transfer.event}`}</span>
          <span class="muted">{progressText(transfer)}</span>
          {(transfer.status === 'failed' || transfer.status === 'review') && transfer.error ? <span class="transfer-error">{transfer.error}</span> : null}
        </>
      ) : null}
    </p>
  );
}

/** Whether a study matches the search words (all of them; dates with or without dashes). */
export function studyMatches(study: Study, needle: string): boolean {
  const q = needle.trim().toLowerCase();
  if (!q) return true;
  const date = study.studyDate ?? '';
  const haystack = [
    study.accessionNumber,
    study.studyDescription,
    study.stationName,
    study.institutionName,
    study.manufacturer,
    study.modelName,
    study.modalities.join(' '),
    date,
    dicomDateTime(date, study.studyTime),
    study.studyInstanceUid,
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
  return q.split(/\s+/).every((word) => haystack.includes(word) || haystack.includes(word.replace(/-/g, '')));
}
