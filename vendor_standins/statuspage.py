"""Atlassian Statuspage REST API v1, the incident endpoints (https://developer.statuspage.io/).

Rules, each from the reference:
- every request needs `Authorization: OAuth <api key>`, else 401 ("Authentication",
  https://developer.statuspage.io/#section/Authentication); an unknown page id is 404;
- `POST /v1/pages/{page_id}/incidents` needs `incident.name`; `status` is one of the realtime
  statuses investigating|identified|monitoring|resolved; `impact_override` one of
  none|minor|major|critical; `components` maps component ids of this page to one of
  operational|degraded_performance|partial_outage|major_outage|under_maintenance; `metadata`'s
  top-level values must be objects; otherwise 422 ("Create an incident",
  https://developer.statuspage.io/#operation/postPagesPageIdIncidents);
- `PATCH .../incidents/{incident_id}` validates the same fields; a `body` adds an incident update
  ("Update an incident", https://developer.statuspage.io/#operation/patchPagesPageIdIncidentsIncidentId);
- `GET .../incidents/unresolved` lists incidents not resolved
  (https://developer.statuspage.io/#operation/getPagesPageIdIncidentsUnresolved);
- errors are `{"error": ...}`;
- each API key may make 1 request per second, measured over a 60 second rolling window; past it
  the answer is 420 or 429 ("Rate limiting", https://developer.statuspage.io/#section/Rate-limiting):
  enforced here (`rate_limit`), answered 420, the rarer of the two, without a Retry-After.
"""

from __future__ import annotations

import itertools
from typing import Any

from aiohttp import web

from vendor_standins.base import VendorStandIn, body_of

STATUSES = {"investigating", "identified", "monitoring", "resolved"}
IMPACTS = {"none", "minor", "major", "critical"}
COMPONENT_STATUSES = {"operational", "degraded_performance", "partial_outage", "major_outage",
                      "under_maintenance"}


class StatuspageStandIn(VendorStandIn):
    rate_limit = (60, 60.0)
    def __init__(self, api_key: str, page_id: str, components: dict[str, str] | None = None) -> None:
        super().__init__()
        self.api_key = api_key
        self.page_id = page_id
        self.components = dict(components or {})  # component id -> name
        self.component_status = {cid: "operational" for cid in self.components}
        self.incidents: dict[str, dict[str, Any]] = {}
        self._ids = (f"sp{n:04d}" for n in itertools.count(1))

    def error_body(self, status: int) -> dict[str, Any]:
        return {"error": {429: "Rate limit exceeded", 420: "Rate limit exceeded"}.get(status, f"HTTP {status}")}

    def rate_limited(self, retry_after_s: float) -> web.Response:
        return web.json_response({"error": "Rate limit exceeded"}, status=420)

    def routes(self, app: web.Application) -> None:
        base = "/v1/pages/{page_id}/incidents"
        app.router.add_post(base, self._create)
        app.router.add_get(base + "/unresolved", self._unresolved)
        app.router.add_get(base + "/{incident_id}", self._read)
        app.router.add_patch(base + "/{incident_id}", self._update)

    def _refuse(self, request: web.Request) -> web.Response | None:
        if request.headers.get("Authorization") != f"OAuth {self.api_key}":
            return web.json_response({"error": "Could not authenticate"}, status=401)
        if request.match_info["page_id"] != self.page_id:
            return web.json_response({"error": "Page not found"}, status=404)
        return None

    def _invalid(self, fields: Any, creating: bool) -> list[str]:
        if not isinstance(fields, dict):
            return ["incident is required"]
        errors = []
        if creating and not str(fields.get("name") or "").strip():
            errors.append("Name can't be blank")
        if "status" in fields and fields["status"] not in STATUSES:
            errors.append(f"Status {fields['status']!r} is not a realtime incident status")
        if "impact_override" in fields and fields["impact_override"] not in IMPACTS:
            errors.append(f"Impact override {fields['impact_override']!r} is not valid")
        for cid, status in (fields.get("components") or {}).items():
            if cid not in self.components:
                errors.append(f"Component {cid} not found on this page")
            elif status not in COMPONENT_STATUSES:
                errors.append(f"Component status {status!r} is not valid")
        for cid in fields.get("component_ids") or []:
            if cid not in self.components:
                errors.append(f"Component {cid} not found on this page")
        metadata = fields.get("metadata")
        if metadata is not None and (not isinstance(metadata, dict)
                                     or any(not isinstance(v, dict) for v in metadata.values())):
            errors.append("metadata: top level values must be objects")
        return errors

    def _apply(self, incident: dict[str, Any], fields: dict[str, Any]) -> None:
        for key in ("name", "status", "metadata"):
            if key in fields:
                incident[key] = fields[key]
        if "impact_override" in fields:
            incident["impact"] = fields["impact_override"]
        for cid, status in (fields.get("components") or {}).items():
            self.component_status[cid] = status
        if fields.get("component_ids"):
            incident["components"] = [{"id": c, "name": self.components[c], "status": self.component_status[c]}
                                      for c in fields["component_ids"]]
        if incident["status"] == "resolved":
            for cid in [c["id"] for c in incident.get("components", [])]:
                self.component_status[cid] = "operational"
        if fields.get("body"):
            incident["incident_updates"].insert(0, {"status": incident["status"], "body": fields["body"]})

    async def _create(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        fields = (body_of(request) or {}).get("incident") if isinstance(body_of(request), dict) else None
        if errors := self._invalid(fields, creating=True):
            return web.json_response({"error": errors}, status=422)
        incident_id = next(self._ids)
        incident = {"id": incident_id, "page_id": self.page_id, "name": "", "status": "investigating",
                    "impact": "none", "metadata": {}, "components": [], "incident_updates": [],
                    "shortlink": f"https://stspg.io/{incident_id}"}
        self._apply(incident, fields)
        self.incidents[incident_id] = incident
        return web.json_response(incident, status=201)

    async def _update(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        incident = self.incidents.get(request.match_info["incident_id"])
        if incident is None:
            return web.json_response({"error": "Incident not found"}, status=404)
        fields = (body_of(request) or {}).get("incident") if isinstance(body_of(request), dict) else None
        if errors := self._invalid(fields, creating=False):
            return web.json_response({"error": errors}, status=422)
        self._apply(incident, fields)
        return web.json_response(incident)

    async def _read(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        incident = self.incidents.get(request.match_info["incident_id"])
        if incident is None:
            return web.json_response({"error": "Incident not found"}, status=404)
        return web.json_response(incident)

    async def _unresolved(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        return web.json_response([i for i in self.incidents.values() if i["status"] != "resolved"])
