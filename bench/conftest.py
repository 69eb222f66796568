"""The benchmarks use the same role fixtures and builders as the tests."""

from tests.conftest import *  # noqa: F403

# `import *` leaves out underscored names: the autouse fixtures are named here, so that the
# benchmarks too start each test with an empty cache and write uploads to a temporary folder.
from tests.conftest import _cache_kosong, _media_sementara  # noqa: F401
