"""Replay Nezha faults through the anomaly scan and the root-cause walk; record where each
root cause ranked.

`graph` chooses the call graph the walk follows: `none` (the scan's own ranking), `configured`
(the day's `dependency.csv`; TrainTicket days have none, so they rank as with `none`) or
`inferred` (edges inferred from the replayed series themselves, baseline and incident window).
"""

from __future__ import annotations

from typing import Literal

from agents.evidence.anomaly import scan_anomalies
from agents.evidence.callgraph import CallGraph, infer_from_series
from agents.evidence.metric_kinds import kind_of
from agents.evidence.models import AnomalyScanRequest, ScanOptions
from agents.evidence.nezha import NezhaDay, NezhaFault, ReplayWindows, fault_request
from agents.evidence.rca_eval import RankedFault, rank_of
from agents.evidence.rootcause import RootCauseOptions, rank_root_causes
from agents.evidence.service_names import component_of

GraphMode = Literal["none", "configured", "inferred"]


def replay_faults(
    days: dict[str, NezhaDay],
    faults: list[NezhaFault],
    windows: ReplayWindows | None = None,
    options: ScanOptions | None = None,
    graph: GraphMode = "none",
    root_cause: RootCauseOptions | None = None,
) -> list[RankedFault]:
    """Scan each fault's window and rank its services; one `RankedFault` per fault."""
    results = []
    for fault in faults:
        day = days[fault.day]
        request = fault_request(day, fault, windows, options)
        report = scan_anomalies(request)
        ranking = rank_root_causes(report, _graph(day, request, graph), root_cause).ranking()
        when = f"{fault.inject_time:%Y-%m-%dT%H:%M:%S}"
        results.append(
            RankedFault(
                fault_id=f"{when} {fault.inject_pod} {fault.inject_type}",
                group={
                    "system": fault.system,
                    "day": fault.day,
                    "type": fault.inject_type,
                    "system/type": f"{fault.system}/{fault.inject_type}",
                },
                root_cause=fault.service,
                rank=rank_of(fault.service, ranking),
                top=ranking[:5],
                candidates=len(ranking),
            )
        )
    return results


def _graph(day: NezhaDay, request: AnomalyScanRequest, mode: GraphMode) -> CallGraph | None:
    if mode == "configured":
        return day.dependencies
    if mode == "inferred":
        names = {component_of(source) for source in request.series}
        return infer_from_series(
            request.series,
            {source: component_of(source) for source in request.series},
            names,
            request.baseline.start.timestamp(),
            request.incident.end.timestamp(),
            family=lambda metric: kind_of(metric).family,
        )
    return None
