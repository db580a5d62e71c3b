// (f) Render time of a 40-line Sekoia-style e-mail template: @ply/jinja against the nunjucks engine
// Ply used before it (a frozen copy in baseline/), in the same run, on the same data.
import { TemplateEngine } from './bench-core.mjs';
import { TemplateEngine as NunjucksTemplateEngine } from './baseline/nunjucks-template-engine.mjs';
import { median, row, timeBatchesWithCpu } from './stats.mjs';

const EMAIL = [
  'Subject: [{{ node.1.urgency.current_value }}] {{ node.1.rule.name }} on {{ node.1.entity.name }}',
  '',
  'Hello {{ trigger.analyst | default("team") | title }},',
  '',
  'A new alert was raised: {{ node.1.rule.name }}.',
  'Description: {{ node.1.rule.description }}',
  'Urgency: {{ node.1.urgency.current_value }} ({% if node.1.urgency.current_value >= 70 %}high{% elif node.1.urgency.current_value >= 40 %}medium{% else %}low{% endif %})',
  'Entity: {{ node.1.entity.name }} ({{ node.1.entity.uuid }})',
  'Alert type: {{ node.1.alert_type.category }} / {{ node.1.alert_type.value }}',
  'Kill chain: {{ node.1.kill_chain_short_id }}',
  'Short id: {{ node.1.short_id }}',
  'Source: {{ node.1.source | replace(".", "[.]") }}',
  'Target: {{ node.1.target | replace(".", "[.]") }}',
  '',
  'Assets ({{ node.1.assets | length }}):',
  '{% for asset in node.1.assets %}',
  '  - {{ asset.name }}{% if asset.criticality > 5 %} (critical){% endif %}',
  '{% endfor %}',
  '',
  'Events:',
  '{% for event in node.2.events %}',
  '  {{ loop.index }}. {{ event.timestamp }} {{ event.source_ip }} -> {{ event.destination_ip }} {{ event.action | upper }}',
  '{% endfor %}',
  '',
  'Comments:',
  '{% for comment in node.1.comments %}',
  '  * {{ comment.author }}: {{ comment.content | truncate(60) }}',
  '{% else %}',
  '  (none)',
  '{% endfor %}',
  '',
  'Countermeasures: {{ node.1.countermeasures | map(attribute="description") | join("; ") }}',
  'Tags: {{ node.1.tags | join(", ") }}',
  'Seen {{ node.2.events | length }} times by {{ node.2.events | map(attribute="source_ip") | unique | list | length }} sources.',
  '',
  'More: https://app.sekoia.io/operations/alerts/{{ node.1.short_id }}',
  '',
  '-- ',
  'Ply playbook "{{ playbook.name }}"',
].join('\n');

const context = {
  trigger: { analyst: 'jane doe' },
  playbook: { name: 'Notify the SOC' },
  node: {
    1: {
      rule: { name: 'Brute force on VPN', description: 'Many failed logins followed by a success' },
      urgency: { current_value: 75 },
      entity: { name: 'HQ', uuid: 'e0f1-22' },
      alert_type: { category: 'intrusions', value: 'brute-force' },
      kill_chain_short_id: 'KC_DELIVERY',
      short_id: 'ALwzbHS8nVkd',
      source: '203.0.113.7',
      target: '10.1.2.3',
      assets: Array.from({ length: 8 }, (_, i) => ({ name: `srv-${i}`, criticality: i })),
      comments: Array.from({ length: 5 }, (_, i) => ({ author: `analyst${i}`, content: `Checked the VPN logs for the ${i}th time, nothing new beyond the first burst of attempts` })),
      countermeasures: [{ description: 'Block the source' }, { description: 'Reset the password' }],
      tags: ['vpn', 'brute-force', 'external'],
    },
    2: {
      events: Array.from({ length: 20 }, (_, i) => ({ timestamp: `2024-01-31T12:${String(i).padStart(2, '0')}:00Z`, source_ip: `203.0.113.${i % 4}`, destination_ip: '10.1.2.3', action: i % 3 ? 'denied' : 'allowed' })),
    },
  },
};

/** The template and its data, for profiling the render alone. */
export { EMAIL, context as emailContext };

export async function templateRender() {
  const jinja = new TemplateEngine();
  const nunjucks = new NunjucksTemplateEngine();
  for (let i = 0; i < 500; i++) {
    jinja.renderString(EMAIL, context);
    nunjucks.renderString(EMAIL, context);
  }
  // Alternated rounds, wall and CPU time: on a shared machine a single block of each drifts with
  // the load (one engine measured in a busy second, the other in a quiet one).
  const times = { jinja: { wall: [], cpu: [] }, nunjucks: { wall: [], cpu: [] } };
  const parts = { jinja: () => jinja.renderString(EMAIL, context), nunjucks: () => nunjucks.renderString(EMAIL, context) };
  for (let round = 0; round < 5; round++) {
    for (const [name, fn] of Object.entries(parts)) {
      const batch = await timeBatchesWithCpu(fn, { batches: 4, size: 100 });
      times[name].wall.push(...batch.wall);
      times[name].cpu.push(...batch.cpu);
    }
  }
  const withJinja = median(times.jinja.wall);
  const withNunjucks = median(times.nunjucks.wall);
  const cpuJinja = median(times.jinja.cpu);
  const cpuNunjucks = median(times.nunjucks.cpu);
  process.stdout.write(`\n(j) render time of a ${EMAIL.split('\n').length}-line Sekoia-style e-mail template (cached compile)\n`);
  row('@ply/jinja (median)', withJinja.toFixed(1), ` µs/render (CPU ${cpuJinja.toFixed(1)} µs)`);
  row('nunjucks baseline, same run (median)', withNunjucks.toFixed(1), ` µs/render (CPU ${cpuNunjucks.toFixed(1)} µs)`);
  row('@ply/jinja / nunjucks, wall time', (withJinja / withNunjucks).toFixed(2), 'x');
  row('@ply/jinja / nunjucks, CPU time', (cpuJinja / cpuNunjucks).toFixed(2), 'x');
  const steps = 1_000_000;
  const loop = new TemplateEngine({ limits: { maxSteps: steps } });
  const spin = '{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}';
  const started = process.hrtime.bigint();
  try {
    loop.renderString(spin, {});
  } catch {
    // PLY_TEMPLATE_LIMIT: the point of the measure.
  }
  row(`time to exhaust the default ${steps.toLocaleString('en')}-step budget`, (Number(process.hrtime.bigint() - started) / 1e6).toFixed(1), ' ms');
  return { withJinja, withNunjucks, cpuJinja, cpuNunjucks };
}
