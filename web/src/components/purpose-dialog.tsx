import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

/** The hub refuses a purpose shorter than this (dissemination's PurposeSchema). */
export const MINIMUM_PURPOSE_LENGTH = 10;
export const MAXIMUM_PURPOSE_LENGTH = 500;

type Pending = { action: string; resolve: (purpose: string | null) => void };

/**
 * Asks the investigator for the purpose of one request in a modal dialog, before the request is
 * sent. `ask` resolves with the declared purpose, or null when the dialog is cancelled (then
 * nothing is sent). The last purpose is offered again, but every request is confirmed anew:
 * each one is audited with its own purpose. Requests of one page share `memory`.
 * @example const purpose = await ask(t('investigator.actions.listPackages')); if (purpose) fetch(`…?purpose=${encodeURIComponent(purpose)}`);
 */
export function usePurposeDialog(memory?: RefObject<string>): { ask: (action: string) => Promise<string | null>; dialog: ReactNode } {
  const [pending, setPending] = useState<Pending | null>(null);
  const ownMemory = useRef('');
  const lastPurpose = memory ?? ownMemory;
  const ask = useCallback((action: string) => new Promise<string | null>((resolve) => setPending({ action, resolve })), []);
  const finish = useCallback(
    (purpose: string | null) => {
      if (purpose !== null) lastPurpose.current = purpose;
      pending?.resolve(purpose);
      setPending(null);
    },
    [pending],
  );
  const dialog = pending ? <PurposeDialog action={pending.action} initial={lastPurpose.current} onDone={finish} /> : null;
  return { ask, dialog };
}

/**
 * A native `<dialog>` opened with `showModal()`: the page behind is inert, focus stays inside,
 * Escape cancels, and focus returns to the control that opened it.
 */
function PurposeDialog({ action, initial, onDone }: { action: string; initial: string; onDone: (purpose: string | null) => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  // Read while rendering, before the dialog takes focus: the control that asked.
  const [opener] = useState(() => document.activeElement);
  const [purpose, setPurpose] = useState(initial);
  const [tooShort, setTooShort] = useState(false);
  const ids = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [opener]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const declared = purpose.trim();
    if (declared.length < MINIMUM_PURPOSE_LENGTH) {
      setTooShort(true);
      // Back to the field to correct it; the message is announced as an alert and describes the field.
      field.current?.focus();
      return;
    }
    dialog.current?.close();
    onDone(declared);
  }

  function cancel() {
    dialog.current?.close();
    onDone(null);
  }

  return (
    <dialog
      ref={dialog}
      className="purpose-dialog"
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-action`}
      onCancel={(event) => {
        event.preventDefault();
        cancel();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={`${ids}-title`}>{t('purpose.title')}</h2>
        <p id={`${ids}-action`}>{action}</p>
        <label htmlFor={`${ids}-purpose`}>{t('purpose.label')}</label>
        <textarea
          ref={field}
          id={`${ids}-purpose`}
          value={purpose}
          onChange={(event) => {
            setPurpose(event.target.value);
            if (tooShort && event.target.value.trim().length >= MINIMUM_PURPOSE_LENGTH) setTooShort(false);
          }}
          rows={3}
          maxLength={MAXIMUM_PURPOSE_LENGTH}
          required
          autoFocus
          aria-invalid={tooShort}
          aria-describedby={`${ids}-hint${tooShort ? ` ${ids}-error` : ''}`}
        />
        <p id={`${ids}-hint`} className="hint">
          {t('purpose.hint', { count: MINIMUM_PURPOSE_LENGTH })}
        </p>
        {tooShort && (
          <p id={`${ids}-error`} role="alert" className="error">
            {t('purpose.tooShort', { count: MINIMUM_PURPOSE_LENGTH })}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary">
            {t('purpose.send')}
          </button>
          <button type="button" onClick={cancel}>
            {t('purpose.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
