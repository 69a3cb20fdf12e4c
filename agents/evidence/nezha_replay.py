"""Replay Nezha faults through the anomaly scan and record where each root cause ranked."""

from __future__ import annotations

from agents.evidence.anomaly import scan_anomalies
from agents.evidence.models import ScanOptions
from agents.evidence.nezha import NezhaDay, NezhaFault, ReplayWindows, fault_request
from agents.evidence.rca_eval import RankedFault, rank_of


def replay_faults(
    days: dict[str, NezhaDay],
    faults: list[NezhaFault],
    windows: ReplayWindows | None = None,
    options: ScanOptions | None = None,
) -> list[RankedFault]:
    """Scan each fault's window and rank its services; one `RankedFault` per fault."""
    results = []
    for fault in faults:
        report = scan_anomalies(fault_request(days[fault.day], fault, windows, options))
        ranking = report.ranking()
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
