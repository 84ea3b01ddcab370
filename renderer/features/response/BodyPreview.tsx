import { bodyText } from './response-text';

/** A sandboxed look at HTML, SVG or an image: no script, no navigation, no bridge. */
export function BodyPreview({ base64, contentType }: { base64: string; contentType: string }) {
  if (/^image\//i.test(contentType)) {
    // An image element never runs script, SVG included.
    return (
      <img className="response-image" alt="Response body" src={`data:${contentType.split(';')[0]};base64,${base64}`} />
    );
  }
  // Security: an empty sandbox (no scripts, forms, popups or top navigation) and the app's CSP
  // (inherited by srcdoc frames: no remote loads) keep hostile HTML inert.
  return <iframe className="response-preview" title="HTML preview" sandbox="" srcDoc={bodyText(base64)} />;
}
