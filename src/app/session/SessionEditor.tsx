/**
 * Engineer mode: preparing a session. Capture this view, reorder, edit captions and figures,
 * delete, preview, save in the browser, export and import files, then present.
 */
import { useRef, useState } from 'react';
import { useStore } from 'zustand';
import { FIGURE_KEYS, type FigureKey, type SceneFile } from '../../domain/scene';
import { useT } from '../context';
import { useSession } from './context';
import { SESSION_IDS, findSession } from './sessionController';
import { ShareTools, download } from './ShareTools';
import { figureLabel } from './Figures';
import type { ViewMode } from '../../store/comparison';

export function SessionEditorButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <div className="engineer-session-tools">
        <ShareTools />
        <button type="button" className={`panel tool ${open ? 'active' : ''}`} aria-pressed={open} title={t('session.editorHint')} onClick={() => setOpen(!open)} data-testid="open-session-editor">
          {t('session.editor')}
        </button>
      </div>
      {open && <SessionEditor onClose={() => setOpen(false)} />}
    </>
  );
}

function SessionEditor({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { session: controller } = useSession();
  const { session, index, saved, message } = useStore(controller.store);
  const fileInput = useRef<HTMLInputElement>(null);
  const [selected, setSelected] = useState(0);
  const slide = session?.slides[Math.min(selected, session.slides.length - 1)] ?? null;
  const editSlide = (change: (slide: SceneFile) => void) =>
    controller.update((s) => {
      change(s.slides[Math.min(selected, s.slides.length - 1)]);
      return s;
    });
  const present = () => {
    if (!session) return;
    controller.save();
    const url = new URL(location.href);
    url.search = `?v=1&session=${encodeURIComponent(session.id)}&slide=1${url.searchParams.get('msaa') ? `&msaa=${url.searchParams.get('msaa')}` : ''}`;
    location.assign(url.toString());
  };
  const sessions = [...SESSION_IDS.map((id) => ({ id, label: id })), ...saved.map((s) => ({ id: s.id, label: `${s.title.fr} (navigateur)` }))];

  return (
    <aside className="panel session-editor" data-testid="session-editor" aria-label={t('session.editor')}>
      <div className="info-head">
        <h2 className="info-title">{t('session.editor')}</h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('session.close')}>
          ×
        </button>
      </div>
      <div className="chips">
        <button type="button" className="chip active" onClick={() => controller.capture()} data-testid="capture-view">
          {t('session.capture')}
        </button>
        {sessions.map((entry) => (
          <button
            key={entry.id}
            type="button"
            className="chip"
            onClick={() => {
              const found = findSession(entry.id, saved);
              if (found.session) void controller.open(found.session, 'file', 0, true);
            }}
          >
            {t('session.open')} {entry.label}
          </button>
        ))}
      </div>
      {message && (
        <p className="problems" role="alert" data-testid="session-editor-message">
          {message}
        </p>
      )}
      {!session && <p className="hint">{t('session.none')}</p>}
      {session && (
        <>
          <label className="field">
            <span>{t('session.title')}</span>
            <input type="text" value={session.title.fr} onChange={(event) => controller.update((s) => ({ ...s, title: { fr: event.target.value || ' ', en: s.title.en } }))} data-testid="session-title" />
          </label>
          <div className="field-row">
            <label className="field">
              <span>{t('session.date')}</span>
              <input type="date" value={session.date} onChange={(event) => /^\d{4}-\d{2}-\d{2}$/.test(event.target.value) && controller.update((s) => ({ ...s, date: event.target.value }))} />
            </label>
            <label className="field">
              <span>{t('session.author')}</span>
              <input type="text" value={session.author} onChange={(event) => controller.update((s) => ({ ...s, author: event.target.value || ' ' }))} />
            </label>
          </div>
          <ol className="slide-list" data-testid="slide-list">
            {session.slides.map((s, i) => (
              <li key={`${s.id}-${i}`} className={i === selected ? 'selected' : ''}>
                <button type="button" className="slide-name" onClick={() => setSelected(i)}>
                  {i + 1}. {s.title?.fr ?? s.id} {i === index ? '●' : ''}
                </button>
                <button type="button" onClick={() => void controller.go(i)} title={t('session.preview')} aria-label={t('session.preview')}>
                  👁
                </button>
                <button type="button" disabled={i === 0} onClick={() => controller.move(i, i - 1)} aria-label={t('session.up')}>
                  ▲
                </button>
                <button type="button" disabled={i === session.slides.length - 1} onClick={() => controller.move(i, i + 1)} aria-label={t('session.down')}>
                  ▼
                </button>
                <button type="button" disabled={session.slides.length <= 1} onClick={() => controller.remove(i)} aria-label={t('session.delete')} data-testid={`delete-slide-${i}`}>
                  ✕
                </button>
              </li>
            ))}
          </ol>
          {slide && (
            <div className="slide-edit">
              <label className="field">
                <span>{t('session.titleFr')}</span>
                <input type="text" value={slide.title?.fr ?? ''} onChange={(event) => editSlide((target) => (target.title = { fr: event.target.value, en: target.title?.en ?? '' }))} />
              </label>
              <label className="field">
                <span>{t('session.titleEn')}</span>
                <input type="text" value={slide.title?.en ?? ''} onChange={(event) => editSlide((target) => (target.title = { fr: target.title?.fr ?? '', en: event.target.value }))} />
              </label>
              <label className="field">
                <span>{t('session.captionFr')}</span>
                <textarea rows={2} value={slide.caption.fr} onChange={(event) => editSlide((target) => (target.caption.fr = event.target.value))} data-testid="caption-fr" />
              </label>
              <label className="field">
                <span>{t('session.captionEn')}</span>
                <textarea rows={2} value={slide.caption.en} onChange={(event) => editSlide((target) => (target.caption.en = event.target.value))} />
              </label>
              <label className="field">
                <span>{t('session.viewMode')}</span>
                <select value={slide.view?.mode ?? 'single'} onChange={(event) => editSlide((target) => (target.view = { mode: event.target.value as ViewMode, divider: target.view?.divider ?? 0.5 }))}>
                  {(['single', 'split', 'swipe'] as const).map((mode) => (
                    <option key={mode} value={mode}>
                      {t(`session.view.${mode}`)}
                    </option>
                  ))}
                </select>
              </label>
              <fieldset className="figure-picks">
                <legend>{t('session.figures')}</legend>
                {FIGURE_KEYS.map((key: FigureKey) => {
                  const on = slide.figures?.includes(key) ?? false;
                  return (
                    <label key={key}>
                      <input
                        type="checkbox"
                        checked={on}
                        disabled={!on && (slide.figures?.length ?? 0) >= 4}
                        onChange={() => editSlide((target) => (target.figures = on ? (target.figures ?? []).filter((k) => k !== key) : [...(target.figures ?? []), key]))}
                      />{' '}
                      {t(figureLabel(key))} <span className="muted">({key.split('.')[0]})</span>
                    </label>
                  );
                })}
              </fieldset>
            </div>
          )}
          <div className="chips">
            <button type="button" className="chip" onClick={() => controller.save()} data-testid="save-session">
              {t('session.save')}
            </button>
            <button
              type="button"
              className="chip"
              onClick={() => {
                const text = controller.exportText();
                if (text) download(`${session.id}.json`, new Blob([text], { type: 'application/json' }));
              }}
              data-testid="export-session"
            >
              {t('session.export')}
            </button>
            <button type="button" className="chip" onClick={() => fileInput.current?.click()}>
              {t('session.import')}
            </button>
            <button type="button" className="chip active" onClick={present} data-testid="present-session">
              {t('session.present')}
            </button>
          </div>
        </>
      )}
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-session"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (file) controller.importText(await file.text(), file.name);
          event.target.value = '';
        }}
      />
    </aside>
  );
}
