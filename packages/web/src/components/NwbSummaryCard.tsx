// The NWB summary as pynwb users know it: session fields, the subject, the contents by section, the namespaces.
import type { NwbSummaryView, SummaryField, SummaryObject } from '../api/types.js';

function Fields({ fields }: { fields: SummaryField[] }) {
  return (
    <dl className="fields">
      {fields.map((field, index) => (
        <div key={`${field.label}-${index}`} className="field">
          <dt title={field.label}>{field.title ?? field.label}</dt>
          <dd>{field.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Objects({ objects }: { objects: SummaryObject[] }) {
  return (
    <ul>
      {objects.map((object) => (
        <li key={object.path}>
          <span className="mono">{object.name}</span>
          {object.neurodataType !== undefined && <span className="badge">{object.neurodataType}</span>}
          {object.children !== undefined && object.children.length > 0 && <Objects objects={object.children} />}
        </li>
      ))}
    </ul>
  );
}

/** Whether the summary lists an ndx-pose PoseEstimation container, so the File view can offer the Pose view. */
export function hasPoseEstimation(summary: NwbSummaryView): boolean {
  const walk = (objects: SummaryObject[]): boolean =>
    // Types are namespaced as the file's namespace names them: "ndx-pose.PoseEstimation".
    objects.some((o) => /(^|\.)PoseEstimation$/.test(o.neurodataType ?? '') || walk(o.children ?? []));
  return summary.sections.some((section) => walk(section.objects));
}

/** The NWB summary card of the File view. */
export function NwbSummaryCard({ summary }: { summary: NwbSummaryView }) {
  return (
    <section className="card" aria-labelledby="nwb-title">
      <h2 id="nwb-title">NWB summary</h2>
      <Fields fields={summary.fields} />
      {summary.subject.length > 0 && (
        <>
          <h3>Subject</h3>
          <Fields fields={summary.subject} />
        </>
      )}
      {summary.sections
        .filter((section) => section.objects.length > 0)
        .map((section) => (
          <div key={section.name}>
            <h3>{section.name}</h3>
            <Objects objects={section.objects} />
          </div>
        ))}
      {summary.namespaces.length > 0 && (
        <details>
          <summary>Namespaces ({summary.namespaces.length})</summary>
          <Fields fields={summary.namespaces} />
        </details>
      )}
    </section>
  );
}
