import { SHOMEI_GLYPH_PATHS } from './app-name-glyphs';

/** 署名 drawn as SVG paths, so it shows without a CJK font; read out as the text it is. */
export function AppNameGlyphs() {
  return (
    <svg className="app-name-glyphs" viewBox="0 0 2000 1000" role="img" aria-label="署名" lang="ja">
      <path d={SHOMEI_GLYPH_PATHS[0]} />
      <path d={SHOMEI_GLYPH_PATHS[1]} />
    </svg>
  );
}
