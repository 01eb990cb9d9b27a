import type { ReactNode } from 'react';
import { useApp, useT } from '../context';
import { formatNumber } from '../i18n';
import { FEATURE_LAYERS, type FeatureLayer } from '../../store/store';
import { useTwin, useTwinAfterFrame } from '../useStore';
import { LAND_COVER_CLASSES, LAMP_TECHNOLOGIES, SENSOR_KINDS, WASTE_STREAMS } from '../../domain/territory';
import { SENSOR_COLOURS, STREAM_COLOURS, TECHNOLOGY_COLOURS } from '../../globe/icons';
import { LAND_COVER_COLOURS } from '../../globe/imagery';
import { LAMP_STATE_COLOURS } from '../../globe/layers';
import { SENSOR_RAMPS, STALE_COLOUR } from '../../globe/ramps';
import type { MessageKey } from '../i18n';

function Swatch({ colour, shape = 'square' }: { colour: string; shape?: 'square' | 'dot' | 'line' }) {
  return <span className={`swatch swatch-${shape}`} style={{ background: colour }} aria-hidden="true" />;
}

export function LayerPanel() {
  const { store } = useApp();
  const t = useT();
  const territory = useTwin(store, (state) => state.territory);
  const visible = useTwin(store, (state) => state.visible);
  const language = useTwin(store, (state) => state.language);
  // Set by the first live readings: the legend follows after the map's frame, not within it.
  const lampStates = useTwinAfterFrame(store, (state) => state.lampLevels !== null);
  const sensorValues = useTwinAfterFrame(store, (state) => state.sensorLevels !== null);
  if (!territory) return null;
  const counts: Record<FeatureLayer, number> = {
    roads: territory.roads.length,
    buildings: territory.buildings.length,
    streetLights: territory.streetLights.length,
    cabinets: territory.cabinets.length,
    collectionPoints: territory.collectionPoints.length,
    facilities: territory.facilities.length,
    sensors: territory.sensors.length,
    communes: territory.communes.length,
  };
  const legends: Partial<Record<FeatureLayer, ReactNode>> = {
    roads: (
      <>
        <li><Swatch colour="#f6d57e" shape="line" /> {t('roadClass.primary')}</li>
        <li><Swatch colour="#ffffff" shape="line" /> {t('roadClass.residential')}</li>
        <li><Swatch colour="#7a5c3c" shape="line" /> {t('roadClass.track')}</li>
      </>
    ),
    streetLights: lampStates
      ? (['on', 'dimmed', 'off'] as const).map((state) => (
          <li key={state}><Swatch colour={LAMP_STATE_COLOURS[state]} shape="dot" /> {t(`lampState.${state}`)}</li>
        ))
      : LAMP_TECHNOLOGIES.map((technology) => (
          <li key={technology}><Swatch colour={TECHNOLOGY_COLOURS[technology]} shape="dot" /> {t(`technology.${technology}`)}</li>
        )),
    collectionPoints: WASTE_STREAMS.map((stream) => (
      <li key={stream}><Swatch colour={STREAM_COLOURS[stream]} /> {t(`stream.${stream}`)}</li>
    )),
    sensors: sensorValues
      ? [
          ...SENSOR_KINDS.map((kind) => (
            <li key={kind} className="ramp-row">
              <span className="ramp-name">{t(`sensorKind.${kind}`)}</span>
              <span className="ramp">
                {SENSOR_RAMPS[kind].map((step) => (
                  <span key={step.key} className="ramp-step" style={{ background: step.colour }} title={t(step.key as MessageKey)} />
                ))}
              </span>
            </li>
          )),
          <li key="stale"><Swatch colour={STALE_COLOUR} shape="dot" /> {t('ramp.stale')}</li>,
        ]
      : SENSOR_KINDS.map((kind) => (
          <li key={kind}><Swatch colour={SENSOR_COLOURS[kind]} shape="dot" /> {t(`sensorKind.${kind}`)}</li>
        )),
  };
  return (
    <aside className="panel layer-panel" aria-label={t('layers.title')}>
      <h2>{t('layers.title')}</h2>
      <ul className="layers">
        {FEATURE_LAYERS.map((layer) => (
          <li key={layer} className={visible[layer] ? 'on' : 'off'}>
            <label>
              <input type="checkbox" checked={visible[layer]} onChange={(event) => store.getState().setVisible(layer, event.target.checked)} data-testid={`layer-${layer}`} />
              <span className="layer-name">{t(`layers.${layer}`)}</span>
              <span className="layer-count">{formatNumber(language, counts[layer])}</span>
            </label>
            {visible[layer] && legends[layer] && <ul className="legend">{legends[layer]}</ul>}
          </li>
        ))}
      </ul>
      <h3>{t('legend.landCover')}</h3>
      <ul className="legend legend-grid">
        {LAND_COVER_CLASSES.map((landClass, index) => (
          <li key={landClass}>
            <Swatch colour={`rgb(${LAND_COVER_COLOURS[index].join(',')})`} /> {t(`landCover.${landClass}`)}
          </li>
        ))}
      </ul>
    </aside>
  );
}
