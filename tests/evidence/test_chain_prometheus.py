"""The call graph read from service-graph metrics in a real Prometheus, and the walk over it.

A demo chain gateway -> api -> search -> db (drill/demo/chain.py) exports the OpenTelemetry
servicegraph connector's `traces_service_graph_request_total{client, server}`; a real
Prometheus scrapes it every second. `search` goes down (every request 503), so gateway, api and
search all fail every request: on its own shift no service stands out (all are at 100 %
errors), and only the call graph says the failures start at search.
"""

from __future__ import annotations

from drill.demo.chain_run import ChainFault, run_chain_faults
from tests.support.prom_stack import real_binaries


async def test_service_graph_metrics_from_real_prometheus_lead_the_walk_to_the_outage():
    real_binaries()
    verdicts = await run_chain_faults(
        [ChainFault(label="outage", kind="outage")],
        depths=(2,),
        baseline_seconds=10,
        fault_seconds=8,
        quiet_seconds=1,
        rps=10,
        modes=("service-graph metrics", "no call graph"),
    )
    with_graph = next(v for v in verdicts if v.mode == "service-graph metrics")
    assert with_graph.graph_source == "service-graph metrics"
    assert with_graph.top == "c0-search"
    assert with_graph.path == ["c0-gateway", "c0-api", "c0-search"]
    assert with_graph.path_follows_calls
    assert "c0-gateway http_error_ratio" in with_graph.path_text
    alone = next(v for v in verdicts if v.mode == "no call graph")
    assert alone.graph_source == "none"
    assert alone.path == [alone.top]
