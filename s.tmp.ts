import { Resvg } from '@resvg/resvg-js';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const fontFiles = [require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'), require.resolve('@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf')];
const opts = { font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'Inter' } };
function w(text: string, size = 100, weight = 400) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="200"><text x="0" y="150" font-size="${size}" font-family="Inter" font-weight="${weight}">${text}</text></svg>`;
  return new Resvg(svg, opts).getBBox()?.width ?? 0;
}
const groups: Record<string,string> = { narrow: "iljtfrI.,:;'!|()[] ·", wide: 'mwMWÅÄÖOQGCDHNU@', mid: 'abcdeghknopqsuvxyzåäöéüABEFJKLPRSTVXYZ0123456789–…-' };
for (const [g, cs] of Object.entries(groups)) console.log(g, [...cs].map(c => `${c}:${(w(`x${c}x`) - w('xx')).toFixed(0)}`).join(' '));
console.log('xx', w('xx'), 'space', w('x x') - w('xx'));
for (const s of ['Studieresa · Motala bibliotek', 'Telefonintervju · Digitala servicecenter Västerbotten', 'WWWWWWWW', 'Summary: the whole project (spring 2016 – spring 2018)']) console.log(s, (w(s, 14)).toFixed(1), s.length);
console.log('semibold', w('Summary: the whole project (spring 2016 – spring 2018)', 28, 600).toFixed(1));
