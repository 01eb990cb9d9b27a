/**
 * Planning mode with a session: the presentation view. Big title and caption, key figures, progress,
 * previous/next (arrows, Page Up/Page Down as clickers send, on-screen buttons), the time reduced to
 * what the slide needs, panels on demand and "back to the session".
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useApp, useT } from '../context';
import { formatDate } from '../i18n';
import { useTwin } from '../useStore';
import { useSession } from './context';
import { KeyFigures } from './Figures';
import { ShareTools } from './ShareTools';
import './session.css';

export function Presentation() {
  const { store: twin } = useApp();
  const { session: controller } = useSession();
  const t = useT();
  const state = useStore(controller.store);
  const language = useTwin(twin, (s) => s.language);
  const time = useTwin(twin, (s) => s.time);
  const { session, index, panelsOpen, figures } = state;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'ArrowRight' || event.key === 'PageDown' || event.key === ' ') {
        event.preventDefault();
        void controller.next();
      } else if (event.key === 'ArrowLeft' || event.key === 'PageUp') {
        event.preventDefault();
        void controller.previous();
      } else if (event.key === 'Home') void controller.go(0);
      else if (event.key === 'End' && session) void controller.go(session.slides.length - 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, session]);

  if (!session) return null;
  const slide = controller.slide ?? session.slides[index];
  const slideFigures = figures[index];
  const timeBar = slide.timeBar ?? 'full';
  return (
    <div className="presentation" data-testid="presentation" data-slide={index}>
      <div className="presentation-top">
        <div className="presentation-heading panel">
          <div className="presentation-session">{session.title[language]}</div>
          <h1 className="presentation-title" data-testid="slide-title">
            {slide.title?.[language] ?? slide.caption[language]}
          </h1>
          <div className="progress" role="progressbar" aria-valuemin={1} aria-valuemax={session.slides.length} aria-valuenow={index + 1} aria-label={t('session.progress', { n: index + 1, total: session.slides.length })}>
            {session.slides.map((_, i) => (
              <button key={i} type="button" className={`progress-step ${i === index ? 'current' : i < index ? 'done' : ''}`} onClick={() => void controller.go(i)} aria-label={t('session.progress', { n: i + 1, total: session.slides.length })} />
            ))}
            <span className="progress-text" data-testid="progress">
              {index + 1} / {session.slides.length}
            </span>
          </div>
        </div>
        <div className="presentation-tools">
          {timeBar === 'clock' && (
            <div className="panel presentation-clock" data-testid="clock">
              {formatDate(language, new Date(time), { weekday: 'short', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' })}
            </div>
          )}
          <ShareTools />
          {panelsOpen ? (
            <button type="button" className="panel tool big-tool" onClick={() => void controller.backToSession()} data-testid="back-to-session">
              {t('session.back')}
            </button>
          ) : (
            <button type="button" className="panel tool big-tool" title={t('session.panelsHint')} onClick={() => controller.store.setState({ panelsOpen: true })} data-testid="open-panels">
              {t('session.panels')}
            </button>
          )}
        </div>
      </div>
      {!panelsOpen && (
        <div className="presentation-bottom">
          <p className="panel presentation-caption" data-testid="slide-caption">
            {slide.caption[language]}
          </p>
          {slideFigures === 'computing' && <div className="panel presentation-computing">{t('session.computing')}</div>}
          {slideFigures && typeof slideFigures === 'object' && 'error' in slideFigures && (
            <div className="panel problems" role="alert">
              {slideFigures.error}
            </div>
          )}
          {slideFigures && typeof slideFigures === 'object' && 'figures' in slideFigures && slideFigures.figures.length > 0 && <KeyFigures figures={slideFigures} language={language} />}
        </div>
      )}
      <button type="button" className="panel nav-button nav-previous" disabled={index === 0} onClick={() => void controller.previous()} aria-label={t('session.previous')} data-testid="slide-previous">
        ‹
      </button>
      <button type="button" className="panel nav-button nav-next" disabled={index >= session.slides.length - 1} onClick={() => void controller.next()} aria-label={t('session.next')} data-testid="slide-next">
        ›
      </button>
    </div>
  );
}

/** The divider of the split view, dragged with the mouse, a finger or the keyboard. */
export function SplitDivider() {
  const { comparison, session } = useSession();
  const { store: twin } = useApp();
  const t = useT();
  const language = useTwin(twin, (s) => s.language);
  const { mode, divider, leftLabel, rightLabel } = useStore(comparison);
  const [dragging, setDragging] = useState(false);
  const [sweep, setSweep] = useState(false);
  // Swipe: the divider sweeps once across the map when the slide opens, then stays where it was
  // (not while the report draws the slide: its picture has the divider where the slide puts it).
  useEffect(() => {
    if (mode !== 'swipe' || session.reporting) return;
    const target = comparison.getState().divider;
    const start = performance.now();
    let frame = 0;
    setSweep(true);
    const step = (now: number) => {
      const f = (now - start) / 1600;
      if (f >= 1) {
        comparison.setState({ divider: target });
        setSweep(false);
        return;
      }
      comparison.setState({ divider: 0.5 + 0.35 * Math.sin(f * Math.PI * 2) * (1 - f) + (target - 0.5) * f });
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => {
      cancelAnimationFrame(frame);
      setSweep(false);
    };
  }, [mode, comparison, session]);
  if (mode === 'single') return null;
  const move = (clientX: number) => {
    const width = window.innerWidth;
    comparison.setState({ divider: Math.min(0.98, Math.max(0.02, clientX / width)) });
  };
  return (
    <div className={`split-overlay ${mode}`} data-testid="split-overlay">
      <div
        className={`split-divider ${dragging ? 'dragging' : ''} ${sweep ? 'sweeping' : ''}`}
        style={{ left: `${divider * 100}%` }}
        role="slider"
        tabIndex={0}
        aria-label={t('session.divider')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(divider * 100)}
        data-testid="split-divider"
        onPointerDown={(event) => {
          (event.target as HTMLElement).setPointerCapture(event.pointerId);
          setDragging(true);
        }}
        onPointerMove={(event) => dragging && move(event.clientX)}
        onPointerUp={() => setDragging(false)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
            event.stopPropagation();
            event.preventDefault();
            comparison.setState({ divider: Math.min(0.98, Math.max(0.02, divider + (event.key === 'ArrowLeft' ? -0.02 : 0.02))) });
          }
        }}
      >
        <div className="split-handle">⇔</div>
      </div>
      <div className="split-label left" style={{ right: `${(1 - divider) * 100}%` }}>
        {leftLabel?.[language] ?? t('session.today')}
      </div>
      <div className="split-label right" style={{ left: `${divider * 100}%` }}>
        {rightLabel?.[language] ?? t('session.scenario')}
      </div>
    </div>
  );
}
