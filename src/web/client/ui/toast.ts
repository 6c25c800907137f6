// Short notices in the corner (#toasts, a polite live region in the shell), gone after five seconds.
export type ToastKind = 'info' | 'ok' | 'warn' | 'error';

export function toast(text: string, kind: ToastKind = 'info'): void {
  const box = document.getElementById('toasts');
  if (!box) return;
  const item = document.createElement('div');
  item.className = `toast toast-${kind}`;
  item.textContent = text;
  box.append(item);
  setTimeout(() => item.remove(), 5000);
}
