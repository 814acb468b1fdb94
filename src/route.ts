// Which destinations an event goes to, from its `integrations` object, read as analytics.js reads it.

/**
 * Whether `destination` gets an event with these `integrations`: an explicit `false` turns it off, `true` or a
 * settings object on; otherwise `All: false` turns it off, except Segment.io, which analytics.js always sends to
 * (Segment applies `All` on its servers).
 * @example isRoutedTo('Customer.io', { All: false }) // false
 */
export function isRoutedTo(destination: string, integrations: Readonly<Record<string, unknown>>): boolean {
  const own = integrations[destination];
  if (typeof own === 'boolean') return own;
  if (own && typeof own === 'object') return true;
  return destination === 'Segment.io' || integrations.All !== false;
}
