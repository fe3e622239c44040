/**
 * The first page of a PDF drawn into a canvas with pdf.js. pdf.js is loaded only when a preview is
 * asked for (it is large). Its worker is a file of the app (so the Content-Security-Policy's
 * script-src 'self' allows it); eval is switched off (isEvalSupported: false) because the policy
 * forbids it. Fonts the PDF does not embed (Helvetica) are drawn with the system's fonts.
 */
import { useEffect, useRef, useState } from 'react';
// Bundled by Vite as a .js file of the app (browser mode serves .js with a JavaScript type).
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?worker&url';

/** CSS pixels across for the page; drawn at the screen's pixel ratio so text stays sharp. */
const WIDTH = 560;

interface PdfPreviewProps {
  bytes: Uint8Array;
  /** Accessible name of the picture, e.g. "First page of the statement for Alice Smith". */
  label: string;
}

export function PdfPreview({ bytes, label }: PdfPreviewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<{ status: 'drawing' } | { status: 'done'; pages: number } | { status: 'error'; message: string }>({ status: 'drawing' });

  useEffect(() => {
    let live = true;
    let destroy: (() => void) | null = null;
    setState({ status: 'drawing' });
    (async () => {
      const pdfjs = await import('pdfjs-dist');
      pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
      // pdf.js takes ownership of the buffer it is given: hand it a copy.
      const task = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: true });
      destroy = () => void task.destroy();
      const doc = await task.promise;
      const page = await doc.getPage(1);
      const canvas = canvasRef.current;
      if (!live || !canvas) return;
      const base = page.getViewport({ scale: 1 });
      const scale = WIDTH / base.width;
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: scale * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${WIDTH}px`;
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
      await page.render({ canvas, viewport }).promise;
      if (live) setState({ status: 'done', pages: doc.numPages });
    })().catch((e: unknown) => {
      if (live) setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    });
    return () => {
      live = false;
      destroy?.();
    };
  }, [bytes]);

  return (
    <figure className="rp-preview">
      <canvas ref={canvasRef} role="img" aria-label={label} className="rp-canvas" data-state={state.status} />
      <figcaption className="muted">
        {state.status === 'drawing'
          ? 'Drawing the first page…'
          : state.status === 'done'
            ? `Page 1 of ${state.pages}. Download the file to see every page.`
            : `The preview could not be drawn (${state.message}). Download the file and open it instead.`}
      </figcaption>
    </figure>
  );
}
