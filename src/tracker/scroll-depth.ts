// Touches window and document: how far down the page the viewport's bottom edge has been, as GTM's vertical scroll depth.

/** The percent of the page's height above the viewport's bottom edge now; 100 for a page too short to scroll. */
export function scrollDepth(): number {
  const height = document.documentElement.scrollHeight;
  if (height <= innerHeight) return 100;
  return Math.min(100, ((scrollY + innerHeight) / height) * 100);
}
