/**
 * Escapes text for the few places where Vigie writes HTML or SVG as a string (exported reports,
 * canvas labels go through the DOM's text APIs instead). React escapes everything it renders.
 */
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character]);
}
