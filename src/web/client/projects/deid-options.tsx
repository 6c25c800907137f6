// The project's de-identification options as form controls, one per option the project has (booleans
// as checkboxes first, the accession number rule as a choice, lists as one-per-line text).
import { Field } from '../ui/field.js';

export type DeidControl =
  | { key: string; kind: 'check'; value: boolean }
  | { key: string; kind: 'accession'; value: string }
  | { key: string; kind: 'list'; value: string[]; text: string };

function humanize(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\buids?\b/g, (w) => w.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function deidControls(options: Record<string, unknown> | undefined): DeidControl[] {
  const controls: DeidControl[] = [];
  for (const [key, value] of Object.entries(options ?? {})) {
    if (typeof value === 'boolean') controls.push({ key, kind: 'check', value });
    else if (key === 'accessionNumber') controls.push({ key, kind: 'accession', value: String(value) });
    else if (Array.isArray(value)) controls.push({ key, kind: 'list', value: value.map(String), text: value.join('\n') });
  }
  return controls.sort((a, b) => Number(b.kind === 'check') - Number(a.kind === 'check'));
}

export function DeidFieldset({ controls, onChange }: { controls: DeidControl[]; onChange: (controls: DeidControl[]) => void }) {
  const update = (i: number, next: DeidControl) => onChange(controls.map((c, j) => (j === i ? next : c)));
  return (
    <fieldset>
      <legend>De-identification</legend>
      <div class="checks">
        {controls.map((d, i) =>
          d.kind === 'check' ? (
            <label class="check" key={d.key}>
              <input type="checkbox" name={d.key} checked={d.value} onChange={(e) => update(i, { ...d, value: e.currentTarget.checked })} />
              {humanize(d.key)}
            </label>
          ) : (
            <div class="span-all" key={d.key}>
              <Field label={humanize(d.key)}>
                {d.kind === 'accession' ? (
                  <select name={d.key} value={d.value} onChange={(e) => update(i, { ...d, value: e.currentTarget.value })}>
                    {['empty', 'hmac'].map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                ) : (
                  <textarea
                    name={d.key}
                    rows={2}
                    class="mono"
                    value={d.text}
                    onInput={(e) => {
                      const text = e.currentTarget.value;
                      update(i, { ...d, text, value: text.split('\n').map((x) => x.trim()).filter(Boolean) });
                    }}
                  />
                )}
              </Field>
            </div>
          ),
        )}
      </div>
    </fieldset>
  );
}
