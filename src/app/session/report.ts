/**
 * The council report, made in the browser with pdf-lib and loaded on demand (this module and its
 * libraries are a separate chunk, fetched when "Rapport" is clicked). A4, in the page's language:
 * territory, date and session title; per slide a snapshot of the 3D view (with its split), the
 * caption, the key figures and the comparison table; the assumptions with their sources, those
 * without a primary source marked; the data attribution. Fonts: DejaVu Sans (public/fonts/),
 * embedded and subset, for the accents and the € sign.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import type { AppContextValue } from '../context';
import type { SessionContextValue } from './context';
import type { Session } from '../../domain/session/schema';
import { localeOf, type Language } from '../../domain/language';
import type { SourcedValue } from '../../domain/territory';
import { formatDate, formatNumber, labelled, translate, type MessageKey } from '../i18n';
import { figureLabel, formatDifference, formatFigure } from './Figures';
import { assumptionText, type SessionState, type SlideFigures } from './sessionController';
import { ASSUMPTIONS } from '../../domain/assumptions';
import { legendOverlay } from './snapshot';
import { captureCanvas } from '../../globe/camera';
import { difference, viewKey } from './captures';
import { createPictureWorker } from '../../../workers/report/api';
import { transfer } from 'comlink';

type SessionFigures = SessionState['figures'][number] | undefined;

export interface ReportOptions {
  app: AppContextValue;
  session: SessionContextValue;
  sessionData: Session;
  language: Language;
  onProgress?: (done: number, total: number) => void;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 42;
/** Pixels across a snapshot drawn by the report: 150 dpi over the page's 511 pt (17.4 cm) of width. */
const SNAPSHOT_WIDTH = 1064;
/** At most this many pixels across a picture in the PDF (about 200 dpi over the page's width): wider ones are scaled down as they are encoded. */
const PRINT_WIDTH = 1400;
const JPEG_QUALITY = 0.86;
/** A picture taken while the presenter showed the slide is used from 110 dpi across the page. */
const KEPT_MIN_WIDTH = 780;
const INK = rgb(0.09, 0.14, 0.17);
const SOFT = rgb(0.29, 0.35, 0.39);
const ACCENT = rgb(0.11, 0.44, 0.54);

const TEXT = {
  fr: {
    report: 'Rapport de séance',
    territory: 'Territoire',
    date: 'Date de la séance',
    author: 'Préparé par',
    made: 'Rapport produit le',
    slides: 'Diapositives',
    figure: 'Indicateur',
    comparison: 'Tableau de comparaison',
    assumptions: 'Hypothèses et sources',
    unverified: 'non vérifié',
    attribution: 'Sources des données',
    fictitious: 'Territoire fictif\u00a0: toutes les données sont générées.',
    page: 'Page',
    noFigures: 'Pas de chiffre clé pour cette vue.',
    energy: 'Énergie (kWh)',
    cost: 'Coût (€)',
    co2: 'Émissions (kg CO2e)',
    burning: 'Heures de fonctionnement (lampe·h)',
    dark: 'Heures d’obscurité (lampe·h)',
    peak: 'Puissance de pointe (kW)',
    km: 'Distance (km)',
    hours: 'Heures de tournée',
    diesel: 'Gazole (L)',
    collections: 'Levées',
    tipTrips: 'Vidages au quai',
    tonnes: 'Tonnes collectées',
    overflows: 'Débordements',
    rounds: 'Tournées',
    over: 'sur',
    nights: 'nuits',
    weeks: 'semaine(s)',
    simulated: 'simulation sur',
  },
  en: {
    report: 'Session report',
    territory: 'Territory',
    date: 'Date of the session',
    author: 'Prepared by',
    made: 'Report made on',
    slides: 'Slides',
    figure: 'Figure',
    comparison: 'Comparison table',
    assumptions: 'Assumptions and sources',
    unverified: 'unverified',
    attribution: 'Data sources',
    fictitious: 'Fictitious territory: all data are generated.',
    page: 'Page',
    noFigures: 'No key figure for this view.',
    energy: 'Energy (kWh)',
    cost: 'Cost (€)',
    co2: 'Emissions (kg CO2e)',
    burning: 'Burning hours (lamp·h)',
    dark: 'Hours of darkness (lamp·h)',
    peak: 'Peak power (kW)',
    km: 'Distance (km)',
    hours: 'Round hours',
    diesel: 'Diesel (L)',
    collections: 'Collections',
    tipTrips: 'Trips to the tip',
    tonnes: 'Tonnes collected',
    overflows: 'Overflows',
    rounds: 'Rounds',
    over: 'over',
    nights: 'nights',
    weeks: 'week(s)',
    simulated: 'simulated over',
  },
} as const;

/** pdf-lib draws what the font has: spaces Intl puts in numbers become plain spaces where needed. */
function clean(text: string): string {
  return text.replace(/\u202f/g, '\u00a0');
}

function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of clean(text).split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) > width && line) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  return lines;
}

class Writer {
  page!: PDFPage;
  y = 0;
  pages = 0;

  constructor(
    readonly pdf: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly footer: string,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.pdf.addPage(A4);
    this.pages++;
    this.y = A4[1] - MARGIN;
    this.page.drawText(clean(`${this.footer} ${this.pages}`), { x: MARGIN, y: 22, size: 8, font: this.regular, color: SOFT });
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN + 10) this.newPage();
  }

  text(text: string, options: { size?: number; bold?: boolean; colour?: ReturnType<typeof rgb>; gap?: number; indent?: number } = {}): void {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.regular;
    const indent = options.indent ?? 0;
    for (const line of wrap(font, text, size, A4[0] - 2 * MARGIN - indent)) {
      this.ensure(size * 1.35);
      this.y -= size * 1.25;
      this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font, color: options.colour ?? INK });
      this.y -= size * 0.1;
    }
    this.y -= options.gap ?? 4;
  }

  /** A table: first column left, the others right-aligned. */
  table(rows: string[][], widths: number[], size = 9.5): void {
    const rowHeight = size * 1.6;
    rows.forEach((row, r) => {
      this.ensure(rowHeight);
      this.y -= rowHeight;
      if (r === 0) this.page.drawRectangle({ x: MARGIN, y: this.y - 3, width: A4[0] - 2 * MARGIN, height: rowHeight, color: rgb(0.89, 0.94, 0.96) });
      let x = MARGIN + 4;
      row.forEach((cell, c) => {
        const font = r === 0 || c === 0 ? this.bold : this.regular;
        const text = clean(cell);
        const width = font.widthOfTextAtSize(text, size);
        const at = c === 0 ? x : x + widths[c] - width - 8;
        this.page.drawText(text, { x: at, y: this.y + 2, size, font, color: INK });
        x += widths[c];
      });
      this.page.drawLine({ start: { x: MARGIN, y: this.y - 3 }, end: { x: A4[0] - MARGIN, y: this.y - 3 }, thickness: 0.4, color: rgb(0.8, 0.84, 0.86) });
    });
    this.y -= 8;
  }
}

async function fetchBytes(path: string): Promise<ArrayBuffer> {
  const response = await fetch(new URL(path, document.baseURI));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

async function tilesLoaded(app: AppContextValue, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const globe = app.globe.current;
    if (!globe || globe.widget.scene.globe.tilesLoaded) return;
    globe.widget.scene.requestRender();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Times a phase of the report (performance.measure 'report:NAME'; the benchmark sums them). */
async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await run();
  } finally {
    performance.measure(`report:${name}`, { start, end: performance.now() });
  }
}

export async function buildReport({ app, session, sessionData, language, onProgress }: ReportOptions): Promise<Uint8Array> {
  // Pictures are laid out, scaled and encoded in a worker while the next slides are put in place.
  const pictureWorker = createPictureWorker();
  try {
    return await build(pictureWorker.api, { app, session, sessionData, language, onProgress });
  } finally {
    pictureWorker.terminate();
  }
}

async function build(pictures: ReturnType<typeof createPictureWorker>['api'], { app, session, sessionData, language, onProgress }: ReportOptions): Promise<Uint8Array> {
  const T = TEXT[language];
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
  const twin = app.store.getState();
  const territory = twin.territory;
  const [regularBytes, boldBytes] = await timed('fontFetch', () => Promise.all([fetchBytes('fonts/DejaVuSans.ttf'), fetchBytes('fonts/DejaVuSans-Bold.ttf')]));
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const regular = await timed('fontEmbed', () => pdf.embedFont(regularBytes, { subset: true }));
  const bold = await timed('fontEmbed', () => pdf.embedFont(boldBytes, { subset: true }));
  pdf.setTitle(`${sessionData.title[language]} — Vigie`);
  pdf.setAuthor(sessionData.author);
  pdf.setLanguage(localeOf(language));
  pdf.setCreator('Vigie');
  const sessionDate = formatDate(language, new Date(`${sessionData.date}T12:00:00Z`), { dateStyle: 'long' });
  const w = new Writer(pdf, regular, bold, `Vigie — ${sessionData.title[language]} — ${sessionDate} — ${T.page}`);

  // Cover.
  w.text(T.report, { size: 13, colour: ACCENT, bold: true });
  w.text(sessionData.title[language], { size: 22, bold: true, gap: 10 });
  w.text(labelled(language, T.territory, territory?.name ?? ''), { size: 12 });
  if (territory?.fictitious) w.text(T.fictitious, { size: 10, colour: SOFT });
  w.text(labelled(language, T.date, sessionDate), { size: 12 });
  w.text(labelled(language, T.author, sessionData.author), { size: 12 });
  w.text(`${T.made} ${formatDate(language, new Date(), { dateStyle: 'long', timeStyle: 'short' })}`, { size: 10, colour: SOFT, gap: 14 });
  w.text(T.slides, { size: 13, bold: true });
  sessionData.slides.forEach((slide, i) => w.text(`${i + 1}. ${slide.title?.[language] ?? slide.caption[language]}`, { size: 11, indent: 10, gap: 1 }));

  // One section a slide, the session shown on screen slide by slide.
  const controller = session.session;
  const shown = controller.store.getState();
  const wasShown = shown.session?.id === sessionData.id && shown.session.slides.length === sessionData.slides.length;
  const returnTo = shown.index;
  if (!wasShown) await controller.open(sessionData, 'file', 0, false);
  const allAssumptions = new Map<string, SourcedValue>();
  const total = sessionData.slides.length;
  /** Each slide's picture, placed on its page once the worker has encoded it. */
  const placed: Array<Promise<void>> = [];
  // Snapshots about SNAPSHOT_WIDTH pixels wide (150 dpi across the A4 page's 17.4 cm): no more
  // pixels are drawn than the page shows, which on a software renderer is most of a slide's time.
  // Set once a slide has to be drawn here (not when every picture is one the presenter showed), and
  // only from half as wide again: below that, the presenter's resolution keeps the terrain and
  // imagery tiles already loaded for it (another resolution asks for other tiles).
  const widget = app.globe.current?.widget;
  // The view's own resolution, not the reduced one of a first view still loading (TwinGlobe).
  const resolution = app.globe.current?.resolutionScale ?? 1;
  const fitResolution = () => {
    const pixelWidth = widget ? widget.scene.canvas.width / resolution : 0;
    if (widget && widget.resolutionScale === resolution && pixelWidth > SNAPSHOT_WIDTH * 1.5) {
      widget.resolutionScale = (resolution * SNAPSHOT_WIDTH) / widget.scene.canvas.width;
      widget.resize();
    }
  };
  controller.reporting = true;
  // No frames of the slides the report puts in place while it only reuses pictures: on a software
  // renderer each is a second or two of GPU work that the read-back of a kept picture waits behind.
  const renderLoop = widget?.useDefaultRenderLoop ?? true;
  const loop = (on: boolean) => {
    if (widget && !widget.isDestroyed() && widget.useDefaultRenderLoop !== (on && renderLoop)) widget.useDefaultRenderLoop = on && renderLoop;
  };
  loop(false);
  try {
  type Encoded = { bytes: Uint8Array; readBackMs: number; encodeMs: number };
  const shots: Array<{ width: number; height: number; encoded: Promise<Encoded>; figures: SessionFigures }> = [];
  let done = 0;
  // The legend is drawn while the slide is in place (it reads the slide's state), laid over the
  // picture in the worker; the encoding is waited for only once every slide is laid out.
  const encode = (i: number, view: HTMLCanvasElement) =>
    timed('picture', async () => {
      const overlay = legendOverlay(app, session, language, view.width, view.height);
      const [viewBitmap, overlayBitmap] = await Promise.all([createImageBitmap(view), createImageBitmap(overlay)]);
      const started = performance.now();
      const encoded = pictures.jpeg(transfer(viewBitmap, [viewBitmap]), transfer(overlayBitmap, [overlayBitmap]), PRINT_WIDTH, JPEG_QUALITY).finally(() => performance.measure('report:encodeInWorker', { start: started, end: performance.now() }));
      encoded.catch(() => undefined); // awaited below; not unhandled if a later slide fails first
      shots[i] = { width: view.width, height: view.height, encoded, figures: controller.store.getState().figures[i] };
      onProgress?.(++done, total);
    });
  // First the slides whose picture is the one the presenter's screen showed of exactly that view
  // (their read-back and encoding in the worker then run while the others are drawn), then the
  // others, drawn here.
  const toDraw: number[] = [];
  for (let i = 0; i < total; i++) {
    await timed('slideApply', () => controller.go(i, false, false, false));
    const globe = app.globe.current;
    if (!globe) throw new Error('3D view not ready');
    const key = viewKey(globe.widget, app.store.getState(), session.comparison.getState());
    const kept = controller.captures.find(key);
    if (kept && kept.canvas.width >= KEPT_MIN_WIDTH) {
      performance.mark(`report:kept:${i}:${kept.tilesLoaded ? 'loaded' : 'loading'}`);
      await encode(i, kept.canvas);
    } else {
      // Why not (for bench:session): no picture of the slide, or what differs from the one kept.
      const last = controller.captures.of(i);
      performance.mark(`report:drawn:${i}:${last ? difference(last.key, key) ?? 'small' : 'none'}`);
      toDraw.push(i);
    }
  }
  for (const i of toDraw) {
    if (toDraw.length > 1 || controller.store.getState().index !== i) await timed('slideApply', () => controller.go(i, false, false, false));
    const globe = app.globe.current;
    if (!globe) throw new Error('3D view not ready');
    fitResolution();
    loop(true);
    await timed('tiles', () => tilesLoaded(app, 4000));
    // Copied on the GPU side (as captures.ts does): the picture worker reads it back, not the page.
    const view = await timed('render', async () => captureCanvas(globe.widget, false));
    loop(false);
    await encode(i, view);
  }
  // The slides' pages, in order.
  for (let i = 0; i < total; i++) {
    const slide = sessionData.slides[i];
    const shot = shots[i];
    w.newPage();
    w.text(`${i + 1} / ${total}`, { size: 10, colour: SOFT, gap: 0 });
    w.text(slide.title?.[language] ?? slide.id, { size: 17, bold: true, gap: 6 });
    const width = A4[0] - 2 * MARGIN;
    const height = (width * shot.height) / shot.width;
    w.ensure(height + 10);
    w.y -= height;
    const page = w.page;
    const y = w.y;
    const picture = shot.encoded.then(async ({ bytes, readBackMs, encodeMs }) => {
      // In the worker: the view drawn and read back, then encoded (the bench sums them).
      const now = performance.now();
      performance.measure('report:workerReadBack', { start: now - readBackMs - encodeMs, end: now - encodeMs });
      performance.measure('report:workerEncode', { start: now - encodeMs, end: now });
      page.drawImage(await pdf.embedJpg(bytes), { x: MARGIN, y, width, height });
    });
    picture.catch(() => undefined); // awaited below; not unhandled if a later slide fails first
    placed.push(picture);
    w.y -= 10;
    w.text(slide.caption[language], { size: 11, gap: 8 });
    const figures = shot.figures;
    if (figures && typeof figures === 'object' && 'figures' in figures) {
      const weeks = figures.period.simulatedWeeks;
      const period = weeks === null ? t('session.perYear') : t('session.perYearFromWeeks', { weeks, perYear: ASSUMPTIONS.wasteWeeksPerYear.value });
      w.text(labelled(language, t('session.scenario'), `${figures.scenarioName} (${period})`), { size: 10, colour: SOFT });
      const chosen = figures.figures;
      w.table([[T.figure, t('session.today'), t('session.scenario'), t('session.difference')], ...chosen.map((figure) => [t(figureLabel(figure.key)), formatFigure(language, figure.left, figure), formatFigure(language, figure.right, figure), formatDifference(language, figure)])], [180, 100, 100, 131]);
      comparisonTable(w, figures, language, T);
      for (const { key, value } of figures.assumptions) allAssumptions.set(key, value);
    } else if (figures && typeof figures === 'object' && 'error' in figures) w.text(figures.error, { size: 10, colour: rgb(0.7, 0.15, 0.12) });
    else w.text(T.noFigures, { size: 10, colour: SOFT });
  }
  } finally {
    controller.reporting = false;
    loop(true);
    if (widget && !widget.isDestroyed() && widget.resolutionScale !== resolution) {
      widget.resolutionScale = resolution;
      widget.resize();
    }
  }

  // Assumptions and attribution.
  w.newPage();
  w.text(T.assumptions, { size: 15, bold: true, gap: 8 });
  for (const [key, value] of allAssumptions) {
    w.text(`${formatNumber(language, value.value, 3)} ${value.unit}${value.unverified ? ` — ${T.unverified.toUpperCase()}` : ''}`, { size: 10, bold: true, gap: 0 });
    w.text(labelled(language, key, assumptionText(key, value, language)), { size: 9.5, indent: 10, gap: 6 });
  }
  w.text(T.attribution, { size: 15, bold: true, gap: 6 });
  w.text(twin.attribution, { size: 9.5 });
  w.text(t('app.creditsText'), { size: 9.5, colour: SOFT });

  // Back to where the user was.
  const returning = timed('return', async () => {
    if (wasShown) await controller.go(returnTo, false, false, false);
    else if (shown.session) await controller.open(shown.session, shown.origin, returnTo, false);
    else controller.close();
  });
  // The last pictures are encoded while the assumptions are laid out and the shown slide is put back.
  await timed('encodeWait', () => Promise.all(placed));
  const bytes = await timed('save', () => pdf.save());
  await returning;
  return bytes;
}

function comparisonTable(w: Writer, figures: SlideFigures, language: Language, T: (typeof TEXT)[Language]): void {
  const n = (value: number, digits = 0) => formatNumber(language, value, digits);
  const row = (label: string, a: number, b: number, digits = 0) => [label, n(a, digits), n(b, digits), `${b - a > 0 ? '+' : b - a < 0 ? '−' : '±'}${n(Math.abs(b - a), digits)}`];
  const head = [T.comparison, translate(language, 'session.today'), translate(language, 'session.scenario'), translate(language, 'session.difference')];
  if (figures.lighting) {
    const { baseline: a, scenario: b, nights } = figures.lighting;
    w.text(`${T.comparison} — ${T.over} ${n(nights)} ${T.nights}`, { size: 10, bold: true, gap: 0 });
    w.table([head, row(T.energy, a.energyKwh, b.energyKwh), row(T.cost, a.costEuros, b.costEuros), row(T.co2, a.emissionsKgCo2e, b.emissionsKgCo2e), row(T.burning, a.lampBurningHours, b.lampBurningHours), row(T.dark, a.lampDarkHours, b.lampDarkHours), row(T.peak, a.peakKw, b.peakKw, 1)], [180, 100, 100, 131]);
  }
  if (figures.waste) {
    const { baseline: a, scenario: b } = figures.waste;
    const weeks = figures.period.simulatedWeeks ?? 0;
    // The simulated weeks as they ran; the key figures above are these × 52 ÷ weeks.
    w.text(`${T.comparison} — ${T.simulated} ${weeks} ${T.weeks}`, { size: 10, bold: true, gap: 0 });
    w.table(
      [head, row(T.km, a.km, b.km, 1), row(T.hours, a.hours, b.hours, 1), row(T.diesel, a.dieselLitres, b.dieselLitres), row(T.co2, a.kgCo2e, b.kgCo2e), row(T.cost, a.costEuros, b.costEuros), row(T.collections, a.collections, b.collections), row(T.tipTrips, a.tipTrips, b.tipTrips), row(T.tonnes, a.tonnes, b.tonnes, 1), row(T.overflows, a.overflows, b.overflows), row(T.rounds, a.rounds, b.rounds)],
      [180, 100, 100, 131],
    );
  }
}
