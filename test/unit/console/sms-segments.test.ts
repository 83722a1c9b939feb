import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { segmentInfo, type SegmentInfo } from '../../../lambdas/core/text/sms-encoding.js';

type ConsoleSegments = (body: string) => SegmentInfo & { perSegment: number; nonGsm: string | null };

/** The console's counter, taken from the page itself: the script the browser runs is the one tested. */
function loadConsoleCounter(): ConsoleSegments {
  const html = readFileSync(new URL('../../../lambdas/console/console-page.html', import.meta.url), 'utf8');
  const script = html.match(/<script id="sms-segments">([\s\S]*?)<\/script>/)?.[1];
  if (!script) throw new Error('console-page.html has no <script id="sms-segments">');
  return runInNewContext(`${script}; smsSegments`) as ConsoleSegments;
}

const smsSegments = loadConsoleCounter();
const core = ({ encoding, segments, units }: SegmentInfo) => ({ encoding, segments, units });

describe('the console reply counter agrees with the core SMS encoding', () => {
  test.each([
    ['empty', ''],
    ['a short reply', 'Hi Ana, I am looking at your bill now.'],
    ['exactly 160 GSM-7 characters', 'a'.repeat(160)],
    ['161 characters split into 153-septet parts', 'a'.repeat(161)],
    ['306 characters: two full parts', 'b'.repeat(306)],
    ['307 characters: three parts', 'b'.repeat(307)],
    ['GSM-7 accents (é, ñ, ü, à) stay GSM-7', 'técnico mañana pingüino à la carte'],
    ['extension characters take two septets', '€'.repeat(80)],
    ['one extension character too many', '€'.repeat(81)],
    ['brackets, braces, tilde, caret, pipe, backslash', '[x] {y} ~z ^w |v \\u'],
    ['newlines and carriage returns are GSM-7', 'line one\nline two\r\nline three'],
    ['a curly apostrophe forces UCS-2', 'Sam’s on the way'],
    ['á forces UCS-2', 'llegará'],
    ['70 UCS-2 units fit one part', `${'a'.repeat(69)}á`],
    ['71 UCS-2 units split into 67-unit parts', `${'a'.repeat(70)}á`],
    ['an emoji counts two UTF-16 units', `${'a'.repeat(68)}🙂`],
    ['an emoji one unit over', `${'a'.repeat(69)}🙂`],
    ['a tab is not GSM-7', 'a\tb'],
    ['1,600 characters', 'x'.repeat(1600)],
  ])('%s', (_label, body) => {
    const page = smsSegments(body);
    expect({ encoding: page.encoding, segments: page.segments, units: page.units }).toEqual(core(segmentInfo(body)));
  });

  test.each([
    ['plain text', 'Hello', null],
    ['first character outside GSM-7', 'ok ’then’ 🙂', '’'],
    ['emoji', 'thanks 🙂', '🙂'],
  ])('names the character that forced UCS-2: %s', (_label, body, nonGsm) => {
    expect(smsSegments(body).nonGsm).toBe(nonGsm);
  });

  test('and on any text made of GSM-7, extension and other characters', () => {
    const alphabet = fc.constantFrom(...'aZ9 @£$¥èéÇ\nΔ_ÆßÉ!?¡ÄÖÑÜ§¿äöñüà^{}\\[~]|€áíó’–🙂\t中');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 400 }).map((chars) => chars.join('')), (body) => {
        const page = smsSegments(body);
        expect({ encoding: page.encoding, segments: page.segments, units: page.units }).toEqual(core(segmentInfo(body)));
      }),
      { numRuns: 500 },
    );
  });
});
