"""Map Kubernetes pod names to the service (workload) they belong to.

Anomaly evidence is reported per service, while metrics usually arrive per pod. A Deployment's
pod is named `<deployment>-<pod-template-hash>-<5 chars>` and a StatefulSet's `<name>-<ordinal>`;
both suffixes are stripped. Kubernetes draws the generated parts from the alphabet
`bcdfghjklmnpqrstvwxz2456789` (no vowels, so no real words), which keeps names such as
`my-redis-cache` intact.
"""

from __future__ import annotations

import re

_K8S_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
_DEPLOYMENT_POD = re.compile(
    rf"^(?P<service>.+?)-[{_K8S_ALPHABET}]{{6,10}}-[{_K8S_ALPHABET}]{{5}}$"
)
_STATEFULSET_POD = re.compile(r"^(?P<service>.+?[a-z].*?)-\d{1,4}$")


def service_of(pod: str) -> str:
    """Return the service a pod belongs to; a name that is not a pod name comes back unchanged.

    >>> service_of("cartservice-579f59597d-wc2lz")
    'cartservice'
    >>> service_of("redis-cart-0")
    'redis-cart'
    >>> service_of("cartservice")
    'cartservice'
    """
    for pattern in (_DEPLOYMENT_POD, _STATEFULSET_POD):
        match = pattern.match(pod)
        if match:
            return match.group("service")
    return pod


_SIDE_SUFFIX = re.compile(r"^(?P<component>.+?)[_-](client|server)$")


def component_of(name: str) -> str:
    """The component a series belongs to: its service (pods folded), without a `_client` /
    `-server` side suffix, so a component's client-side and server-side series rank as one.

    >>> component_of("checkout_client")
    'checkout'
    >>> component_of("cartservice-579f59597d-wc2lz")
    'cartservice'
    """
    service = service_of(name)
    match = _SIDE_SUFFIX.match(service)
    return match.group("component") if match else service
