/** `name:value,name:value` settings (AGENT_TOKENS, AGENT_SKILLS, TECHNICIAN_TOKENS) as pairs. */
export function parsePairs(text: string): Array<[string, string]> {
  return text
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf(':');
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()] as [string, string];
    })
    .filter(([name, value]) => name !== '' && value !== '');
}
