/**
 * Milesight EM310-UDL (ultrasonic distance / level sensor, common on waste containers):
 * an uplink decoder to the LoRa Alliance payload codec interface (TS013), as the vendor codecs of
 * The Things Network's device repository are written: a classic script defining
 * `decodeUplink({ bytes, fPort, recvTime })` → `{ data, warnings, errors }`.
 *
 * Written for Vigie from the vendor's published payload table (Milesight-IoT/SensorDecoders,
 * em310-udl): a sequence of channel, type, value:
 *   01 75  battery, 1 byte, %
 *   03 82  distance from the sensor to the surface below, uint16 little-endian, mm
 *   04 00  position, 1 byte: 0 normal, 1 tilt (the lid is open or the sensor knocked over)
 *   FF xx  device attributes (versions, serial number, class, reset, status), skipped
 * Example: 01755C 03824408 040001 → battery 92, distance 2116 mm, position tilt.
 */
var EM310_ATTRIBUTE_LENGTHS = { 0x01: 1, 0x09: 2, 0x0a: 2, 0xff: 2, 0x16: 8, 0x0f: 1, 0xfe: 1, 0x0b: 1 };

function decodeUplink(input) {
  var bytes = input.bytes;
  var data = {};
  var warnings = [];
  var i = 0;
  function need(count, what) {
    if (i + count > bytes.length) throw new Error(what + ': ' + count + ' byte(s) expected at offset ' + i + ', payload has ' + bytes.length);
  }
  try {
    while (i < bytes.length) {
      need(2, 'channel header');
      var channel = bytes[i];
      var type = bytes[i + 1];
      i += 2;
      if (channel === 0x01 && type === 0x75) {
        need(1, 'battery');
        data.battery = bytes[i];
        i += 1;
      } else if (channel === 0x03 && type === 0x82) {
        need(2, 'distance');
        data.distance = bytes[i] | (bytes[i + 1] << 8);
        i += 2;
      } else if (channel === 0x04 && type === 0x00) {
        need(1, 'position');
        data.position = bytes[i] === 1 ? 'tilt' : 'normal';
        i += 1;
      } else if (channel === 0xff && EM310_ATTRIBUTE_LENGTHS[type] !== undefined) {
        need(EM310_ATTRIBUTE_LENGTHS[type], 'attribute 0x' + type.toString(16));
        i += EM310_ATTRIBUTE_LENGTHS[type];
      } else {
        return { errors: ['unknown channel 0x' + channel.toString(16) + ' type 0x' + type.toString(16) + ' at offset ' + (i - 2)] };
      }
    }
  } catch (error) {
    return { errors: [String(error.message || error)] };
  }
  if (data.position === 'tilt') warnings.push('sensor tilted: the distance may not be the waste level');
  if (data.battery !== undefined && data.battery > 100) warnings.push('battery above 100 %: ' + data.battery);
  return { data: data, warnings: warnings };
}
