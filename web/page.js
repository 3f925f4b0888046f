// The paste page: posts the pasted error to the API and renders the Diagnosis it returns.
// Everything shown comes from pasted (hostile) text or the server, so the DOM is built with createElement and
// textContent only, never innerHTML; the page's Content-Security-Policy forbids inline scripts and styles.

const form = document.getElementById('diagnose-form');
const textField = document.getElementById('text');
const connectionField = document.getElementById('connection-string');
const evidenceField = document.getElementById('evidence');
const evidenceKindField = document.getElementById('evidence-kind');
const button = document.getElementById('diagnose');
const alertRegion = document.getElementById('alert');
const results = document.getElementById('results');

/** How many causes are shown with their evidence and fixes open, as the CLI does; the rest fold. */
const DETAILED_CAUSES = 3;

/** An element with optional class and children (strings become text nodes). */
function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) node.append(child);
  return node;
}

/** Rule-pack prose marks commands with backticks, as Markdown does: those spans become <code>. */
function prose(tag, className, text) {
  const node = el(tag, className);
  String(text).split('`').forEach((part, i) => {
    if (part === '') return;
    node.append(i % 2 === 1 ? el('code', '', part) : part);
  });
  return node;
}

const percent = (confidence) => `${Math.round(confidence * 100)}%`;

function confidenceBar(confidence) {
  const meter = el('meter');
  meter.min = 0;
  meter.max = 1;
  meter.value = confidence;
  meter.setAttribute('aria-label', 'Confidence');
  meter.setAttribute('aria-valuetext', percent(confidence));
  return el('div', 'confidence', meter, el('span', 'percent', percent(confidence)));
}

function renderCause(cause, rank) {
  const item = el('li', 'cause');
  item.dataset.causeId = cause.id;
  item.append(
    el('h4', 'cause-head', prose('span', 'cause-title', cause.title), ' ', el('code', 'cause-id', cause.id)),
    confidenceBar(cause.confidence),
  );

  const body = el('div', 'cause-body');
  if (cause.summary) body.append(prose('p', 'summary', cause.summary));
  if (cause.evidence.length > 0) {
    body.append(el('ul', 'evidence', ...cause.evidence.map((line) => el('li', '', line))));
  }
  for (const fix of cause.fixes) {
    body.append(
      el('p', 'fix-title', el('strong', '', `Fix${fix.where ? ` (${fix.where})` : ''}: `), ...prose('span', '', fix.title).childNodes),
      el('ol', 'steps', ...fix.steps.map((step) => prose('li', '', step))),
    );
  }
  if (rank < DETAILED_CAUSES) item.append(body);
  else item.append(el('details', '', el('summary', '', 'Evidence and fixes'), body));
  return item;
}

/** Copies with the Clipboard API where the page is a secure context; otherwise selects the command for Ctrl+C. */
async function copyCommand(codeElement, copyButton) {
  const text = codeElement.textContent;
  let copied = false;
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      copied = true;
    }
  } catch {
    copied = false;
  }
  if (!copied) {
    window.getSelection()?.selectAllChildren(codeElement);
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
  }
  copyButton.textContent = copied ? 'Copied' : 'Press Ctrl+C';
  setTimeout(() => (copyButton.textContent = 'Copy'), 2000);
}

function renderCommand(command) {
  const code = el('code', '', command.run);
  const copy = el('button', 'copy', 'Copy');
  copy.type = 'button';
  copy.setAttribute('aria-label', `Copy ${command.platform === 'any' ? '' : `${command.platform} `}command`);
  copy.addEventListener('click', () => copyCommand(code, copy));
  const platform = el('span', 'platform', command.platform === 'any' ? 'any' : command.platform);
  return el('div', 'command', platform, el('pre', '', code), copy);
}

function renderCheck(check) {
  return el(
    'li',
    'check',
    prose('h4', '', check.title),
    el('p', 'why', el('strong', '', 'Why: '), ...prose('span', '', check.why).childNodes),
    ...check.commands.map(renderCommand),
  );
}

function renderDiagnosis(d) {
  const heading = el('h2', '', 'Diagnosis');
  heading.id = 'results-heading';
  heading.tabIndex = -1;
  const family = el('p', 'family', el('strong', '', 'Family: '), el('code', 'family-name', d.family));
  if (d.providers.length > 0) family.append(el('span', 'providers', ` · client: ${d.providers.join(', ')}`));
  const parts = [heading, family];

  if (d.causes.length === 0) {
    parts.push(el('p', '', 'No likely cause could be named from what was given.'));
  } else {
    parts.push(el('h3', '', 'Likely causes'), el('ol', 'causes', ...d.causes.map(renderCause)));
  }
  if (d.nextChecks.length > 0) {
    parts.push(el('h3', '', 'Next checks'), el('ol', 'checks', ...d.nextChecks.map(renderCheck)));
  }
  if (d.warnings.length > 0) {
    parts.push(el('h3', '', 'Notes'), el('ul', 'warnings', ...d.warnings.map((w) => el('li', '', w))));
  }
  results.replaceChildren(...parts);
  heading.focus();
}

function showError(message) {
  alertRegion.textContent = message;
}

/** The request body: the optional fields only when filled in; never `probe` (the page does not open sockets). */
function requestBody() {
  const body = { text: textField.value };
  if (connectionField.value.trim() !== '') body.connectionString = connectionField.value;
  if (evidenceField.value.trim() !== '') {
    // Without a kind the server detects it; a kind chosen here spares the "label it" note when detection is unsure.
    body.evidence = [{ ...(evidenceKindField.value ? { kind: evidenceKindField.value } : {}), text: evidenceField.value }];
  }
  return body;
}

async function errorMessage(response) {
  try {
    const body = await response.json();
    if (body && typeof body.message === 'string' && body.message !== '') return body.message;
  } catch {
    // Not JSON (a proxy's error page, say): fall back to the status line.
  }
  return `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
}

async function diagnose() {
  if (button.disabled) return; // one request at a time: Ctrl+Enter does not go through the disabled button
  showError('');
  if (textField.value.trim() === '') {
    showError('Paste the error text first.');
    textField.focus();
    return;
  }
  button.disabled = true;
  button.textContent = 'Diagnosing…';
  results.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch('v1/diagnose', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(requestBody()),
    });
    if (!response.ok) {
      showError(await errorMessage(response));
      return;
    }
    renderDiagnosis(await response.json());
  } catch (error) {
    showError(`Could not get a diagnosis: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    button.disabled = false;
    button.textContent = 'Diagnose';
    results.removeAttribute('aria-busy');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void diagnose();
});

for (const field of [textField, evidenceField]) {
  field.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}
