{{/*
Helpers of the project chart. Helm reads every number of a values file as a float64 and prints
1234567 as 1.234567e+06 and 8.0 as 8, so values that end up in names and image references go
through "platform.text" (strings as written, integers given with --set as digits, anything else
a rendering error naming the field), ports through "platform.port" and sizes through
"platform.quantity". values.schema.json refuses such values before rendering starts; these
helpers still guard a rendering with --skip-schema-validation.
*/}}

{{/*
The project: the namespace and the prefix of every name. Set by the ApplicationSet from the
file name (--set-string project=P); a DNS-1123 label.
*/}}
{{- define "platform.project" -}}
{{- $project := required
    "project is not set: render with --set-string project=<name of projects/<name>.yaml> (the ApplicationSet does)"
    .Values.project -}}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" (toString $project)) -}}
{{- fail (printf "project %q is not a DNS-1123 label (%s): it becomes the namespace"
    (toString $project) "lowercase letters, digits and '-', at most 63") -}}
{{- end -}}
{{- $project -}}
{{- end -}}

{{/*
A value printed into a name, an image reference or an environment variable, as text.
Argument: (list VALUE "what it is, for the error").
- a string: itself (a hash "1234567" or "12e4567", a version "8.0");
- an integer (from --set, which keeps digits as int64): its digits;
- a float64 (every unquoted number of a values file): an error, because its text is lost
  (1234567 → 1.234567e+06, 8.0 → 8, 0123456 → 42798);
- anything else (null, a list, a mapping): an error.
*/}}
{{- define "platform.text" -}}
{{- $value := index . 0 -}}
{{- $what := index . 1 -}}
{{- if kindIs "string" $value -}}
{{- $value -}}
{{- else if or (kindIs "int64" $value) (kindIs "int" $value) -}}
{{- toString $value -}}
{{- else if kindIs "float64" $value -}}
{{- fail (printf "%s is the number %v, which Helm cannot print as written (%s): quote it in the project file"
    $what $value "1234567 becomes 1.234567e+06, 8.0 becomes 8") -}}
{{- else -}}
{{- fail (printf "%s must be a string, not %s" $what (kindOf $value)) -}}
{{- end -}}
{{- end -}}

{{/*
A TCP port 1–65535 as an integer. Argument: (list VALUE "what it is, for the error").
*/}}
{{- define "platform.port" -}}
{{- $value := index . 0 -}}
{{- $what := index . 1 -}}
{{- if not (include "platform.isNumber" $value) -}}
{{- fail (printf "%s must be a number 1–65535, not %s %v" $what (kindOf $value) $value) -}}
{{- end -}}
{{- $port := $value | int64 -}}
{{- if or (lt $port 1) (gt $port 65535) (ne (float64 $port) (float64 $value)) -}}
{{- fail (printf "%s %v is not a port number 1–65535" $what $value) -}}
{{- end -}}
{{- $port -}}
{{- end -}}

{{/*
The image reference of an application built at its git.hash: <registry>/<project>-<app>:<hash>.
Argument: (dict "root" $ "app" $app).
*/}}
{{- define "platform.applicationImage" -}}
{{- $app := .app -}}
{{- $hash := include "platform.text" (list $app.git.hash (printf "applications[%s].git.hash" $app.name)) -}}
{{- printf "%s/%s-%s:%s" .root.Values.platform.registry (include "platform.project" .root) $app.name $hash -}}
{{- end -}}

{{/*
What the chart knows about each database type: Docker's official image, the port it listens on
by default, where it keeps its data. A type missing here fails the rendering.
*/}}
{{- define "platform.databaseEngines" -}}
mysql:
  image: mysql
  port: 3306
  dataPath: /var/lib/mysql
postgres:
  image: postgres
  port: 5432
  dataPath: /var/lib/postgresql/data
redis:
  image: redis
  port: 6379
  dataPath: /data
mongodb:
  image: mongo
  port: 27017
  dataPath: /data/db
{{- end -}}

{{/*
The engine of a database, from "platform.databaseEngines". Argument: the database ($db).
Returns YAML: read it with fromYaml.
*/}}
{{- define "platform.databaseEngine" -}}
{{- $engines := include "platform.databaseEngines" . | fromYaml -}}
{{- $type := include "platform.text" (list .type (printf "databases[%s].type" .name)) -}}
{{- if not (hasKey $engines $type) -}}
{{- fail (printf "databases[%s].type %q is not supported; the chart runs %s"
    .name $type (keys $engines | sortAlpha | join ", ")) -}}
{{- end -}}
{{- get $engines $type | toYaml -}}
{{- end -}}

{{/*
`valueFrom` the key password of a secret. Argument: the secret's name.
*/}}
{{- define "platform.secretValue" -}}
valueFrom:
    secretKeyRef:
        name: {{ . }}
        key: password
{{- end -}}

{{/*
A storage size: a Kubernetes quantity as written ("5Gi"), or a whole number of bytes.
Argument: (list VALUE "what it is, for the error").
*/}}
{{- define "platform.quantity" -}}
{{- $value := index . 0 -}}
{{- $what := index . 1 -}}
{{- if kindIs "string" $value -}}
{{- $value -}}
{{- else if and (include "platform.isNumber" $value)
    (eq (float64 (int64 $value)) (float64 $value)) (gt (int64 $value) 0) -}}
{{- int64 $value -}}
{{- else -}}
{{- fail (printf "%s must be a Kubernetes quantity like 5Gi or a number of bytes, not %v" $what $value) -}}
{{- end -}}
{{- end -}}

{{/*
"true" when the value is a number (a float64 from a values file, an integer from --set), else "".
*/}}
{{- define "platform.isNumber" -}}
{{- if or (kindIs "float64" .) (kindIs "int64" .) (kindIs "int" .) }}true{{ end -}}
{{- end -}}
