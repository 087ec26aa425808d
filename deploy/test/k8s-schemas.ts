// Loads the manifests of a kustomization directory (its `resources` files, no transformers) and
// validates Kubernetes objects against the JSON schemas of maintained model packages:
// kubernetes-models (generated from the Kubernetes OpenAPI spec) and
// @kubernetes-models/prometheus-operator (generated from the Prometheus Operator's API types, the
// source of its CRDs). Both compile their schemas with ajv; unknown fields are not rejected there
// (the Kubernetes OpenAPI schemas do not forbid additional properties), so the tests also read the
// fields that matter at their exact paths.
import { readFileSync } from 'node:fs';
import { parseAllDocuments, parse } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { PrometheusRule, ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}

interface Validatable { validate(): void }
type ModelClass = new (data: never) => Validatable;

const models: Record<string, ModelClass> = {
  'apps/v1/Deployment': Deployment as unknown as ModelClass,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler as unknown as ModelClass,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget as unknown as ModelClass,
  'v1/ConfigMap': ConfigMap as unknown as ModelClass,
  'v1/Namespace': Namespace as unknown as ModelClass,
  'v1/Secret': Secret as unknown as ModelClass,
  'v1/Service': Service as unknown as ModelClass,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule as unknown as ModelClass,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor as unknown as ModelClass,
};

/** Throws with the schema errors when `object` is invalid, or when no schema covers its kind. */
export function validateObject(object: K8sObject): void {
  const Model = models[`${object.apiVersion}/${object.kind}`];
  if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  new Model(object as never).validate();
}

/** Every document of a multi-document YAML text, failing on YAML errors. */
export function parseObjects(text: string, source: string): K8sObject[] {
  return parseAllDocuments(text).map((doc, i) => {
    if (doc.errors.length > 0) throw new Error(`${source} document ${i + 1}: ${doc.errors[0]!.message}`);
    return doc.toJS() as K8sObject;
  }).filter((o) => o !== null);
}

export interface Kustomization { resources?: string[]; [key: string]: unknown }

export function readKustomization(dir: URL): Kustomization {
  return parse(readFileSync(new URL('kustomization.yaml', dir), 'utf8')) as Kustomization;
}

/** The objects of a kustomization's resource files, as written (no kustomize transformations). */
export function loadResources(dir: URL): Array<{ file: string; object: K8sObject }> {
  return (readKustomization(dir).resources ?? []).flatMap((file) =>
    parseObjects(readFileSync(new URL(file, dir), 'utf8'), file).map((object) => ({ file, object })));
}
