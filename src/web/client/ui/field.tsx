// A labelled form field: label above, the control, an optional hint and message, tied together for
// screen readers (label `for`, aria-describedby). The control is given the field's id.
import { cloneElement, type ComponentChildren, type VNode } from 'preact';
import { useId } from 'preact/hooks';

export interface FieldProps {
  label: ComponentChildren;
  /** One input, select or textarea. */
  children: VNode<{ id?: string; 'aria-describedby'?: string }>;
  hint?: ComponentChildren;
  /** A live message under the hint (e.g. why a value is refused). */
  message?: ComponentChildren;
  messageClass?: string;
  class?: string;
}

export function Field({ label, children, hint, message, messageClass, class: className }: FieldProps) {
  const generated = useId();
  const id = children.props.id ?? generated;
  const hintId = `${id}-hint`;
  const messageId = `${id}-msg`;
  const describedBy = [hint ? hintId : null, message !== undefined ? messageId : null, children.props['aria-describedby'] ?? null].filter(Boolean).join(' ');
  return (
    <div class={className ? `field ${className}` : 'field'}>
      <label for={id}>{label}</label>
      {cloneElement(children, { id, 'aria-describedby': describedBy || undefined })}
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {message !== undefined ? (
        <p class={messageClass ?? 'field-msg'} id={messageId} aria-live="polite">
          {message}
        </p>
      ) : null}
    </div>
  );
}
