// A minimal Simplified Chinese language pack for code-server. The real pack comes from the marketplace, which
// these machines cannot reach; VS Code only needs a pack to exist to run in that display language (strings it
// does not translate fall back to English), and that is what makes `vscode.env.language` report zh-cn.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PUBLISHER = 'go-traps-e2e';
const NAME = 'language-pack-zh-hans';
const VERSION = '0.0.1';

/** Installs the pack into `extensionsDir` and registers it in `userDataDir` the way VS Code's installer does. */
export function seedChineseLanguagePack(userDataDir, extensionsDir) {
  const dir = path.join(extensionsDir, `${PUBLISHER}.${NAME}-${VERSION}`);
  mkdirSync(path.join(dir, 'translations'), { recursive: true });
  const translations = path.join(dir, 'translations', 'main.i18n.json');
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const localization = { languageId: 'zh-cn', languageName: 'Chinese Simplified', localizedLanguageName: '中文(简体)', translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] };
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: NAME, publisher: PUBLISHER, version: VERSION, displayName: 'zh-cn pack for tests', engines: { vscode: '*' }, categories: ['Language Packs'], contributes: { localizations: [localization] } }, null, 2),
  );
  const extensionIdentifier = { id: `${PUBLISHER}.${NAME}` };
  writeFileSync(
    path.join(userDataDir, 'languagepacks.json'),
    JSON.stringify({ 'zh-cn': { hash: 'go-traps-e2e-zh-cn', extensions: [{ extensionIdentifier, version: VERSION }], translations: { vscode: translations }, label: '中文(简体)' } }),
  );
}
