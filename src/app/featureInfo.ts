/** What the info panel says about a feature: a title and labelled rows, in the chosen language. */
import type { Territory } from '../domain/territory';
import type { Selection } from '../store/store';
import { formatNumber, translate, type Language, type MessageKey } from './i18n';

export interface FeatureInfo {
  kind: string;
  title: string;
  rows: Array<{ label: string; value: string }>;
  position: [number, number];
}

export function describeFeature(territory: Territory, selection: Selection, language: Language): FeatureInfo | null {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
  const n = (value: number, digits = 0) => formatNumber(language, value, digits);
  const commune = (id: string) => territory.communes.find((c) => c.id === id)?.name ?? id;
  const zone = (id: string) => territory.lightingZones.find((z) => z.id === id)?.name ?? id;
  switch (selection.layer) {
    case 'streetLights': {
      const light = territory.streetLights.find((item) => item.id === selection.id);
      if (!light) return null;
      return {
        kind: t('info.streetLight'),
        title: light.id,
        position: light.position,
        rows: [
          { label: t('info.technology'), value: t(`technology.${light.technology}`) },
          { label: t('info.power'), value: t('unit.watts', { value: n(light.powerWatts) }) },
          { label: t('info.colourTemperature'), value: t('unit.kelvin', { value: n(light.colourTemperatureKelvin) }) },
          { label: t('info.mountingHeight'), value: t('unit.metres', { value: n(light.mountingHeightMetres, 1) }) },
          { label: t('info.usage'), value: t(`lightingUsage.${light.usage}`) },
          { label: t('info.cabinetId'), value: territory.cabinets.find((c) => c.id === light.cabinetId)?.name ?? light.cabinetId },
          { label: t('info.zone'), value: zone(light.zoneId) },
          { label: t('info.commune'), value: commune(light.communeId) },
        ],
      };
    }
    case 'cabinets': {
      const cabinet = territory.cabinets.find((item) => item.id === selection.id);
      if (!cabinet) return null;
      const lights = territory.streetLights.filter((light) => light.cabinetId === cabinet.id);
      const watts = lights.reduce((sum, light) => sum + light.powerWatts, 0);
      return {
        kind: t('info.cabinet'),
        title: cabinet.name || cabinet.id,
        position: cabinet.position,
        rows: [
          { label: t('info.id'), value: cabinet.id },
          { label: t('info.lampsOnCabinet'), value: n(lights.length) },
          { label: t('info.installedPower'), value: t('unit.kilowatts', { value: n(watts / 1000, 2) }) },
          { label: t('info.zone'), value: zone(cabinet.zoneId) },
          { label: t('info.commune'), value: commune(cabinet.communeId) },
        ],
      };
    }
    case 'collectionPoints': {
      const point = territory.collectionPoints.find((item) => item.id === selection.id);
      if (!point) return null;
      const weekday = t(`weekday.${point.collectionWeekday}` as MessageKey);
      return {
        kind: t('info.collectionPoint'),
        title: point.name || point.id,
        position: point.position,
        rows: [
          { label: t('info.id'), value: point.id },
          { label: t('info.stream'), value: t(`stream.${point.stream}`) },
          { label: t('info.container'), value: t(`container.${point.container}`) },
          { label: t('info.containerCount'), value: n(point.containerCount) },
          { label: t('info.volume'), value: t('unit.litres', { value: n(point.volumeLitres) }) },
          {
            label: t('info.collectionDay'),
            value: point.collectionPeriodWeeks === 1 ? t('info.collectionWeekly', { weekday }) : t('info.collectionEvery', { weekday, weeks: point.collectionPeriodWeeks }),
          },
          { label: t('info.commune'), value: commune(point.communeId) },
        ],
      };
    }
    case 'facilities': {
      const facility = territory.facilities.find((item) => item.id === selection.id);
      if (!facility) return null;
      return {
        kind: t('info.facility'),
        title: facility.name,
        position: facility.position,
        rows: [
          { label: t('info.id'), value: facility.id },
          { label: t('info.kind'), value: t(`facilityKind.${facility.kind}`) },
        ],
      };
    }
    case 'sensors': {
      const sensor = territory.sensors.find((item) => item.id === selection.id);
      if (!sensor) return null;
      const target = sensor.targetId
        ? (territory.collectionPoints.find((p) => p.id === sensor.targetId)?.name ?? territory.cabinets.find((c) => c.id === sensor.targetId)?.name ?? sensor.targetId)
        : null;
      return {
        kind: t('info.sensor'),
        title: sensor.name || sensor.id,
        position: sensor.position,
        rows: [
          { label: t('info.id'), value: sensor.id },
          { label: t('info.kind'), value: t(`sensorKind.${sensor.kind}`) },
          { label: t('info.rate'), value: t('info.ratePerDay', { count: n(sensor.samplesPerDay) }) },
          ...(target ? [{ label: t('info.target'), value: target }] : []),
          ...(sensor.capacity !== null ? [{ label: t('info.capacity'), value: `${n(sensor.capacity)} ${sensor.unit}` }] : []),
          { label: t('info.commune'), value: commune(sensor.communeId) },
        ],
      };
    }
    case 'buildings': {
      const building = territory.buildings.find((item) => item.id === selection.id);
      if (!building) return null;
      return {
        kind: t('info.building'),
        title: t(`usage.${building.usage}`),
        position: building.position,
        rows: [
          { label: t('info.id'), value: building.id },
          { label: t('info.height'), value: t('unit.metres', { value: n(building.heightMetres, 1) }) },
          { label: t('info.footprint'), value: t('unit.squareMetres', { value: n(building.widthMetres * building.depthMetres) }) },
          { label: t('info.commune'), value: commune(building.communeId) },
        ],
      };
    }
  }
}
