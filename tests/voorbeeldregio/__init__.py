"""An invented region for the tests (no real names, numbers or addresses): its profile, for fixture
projects that need one (a register of follow-up steps needs a conference date, the sociale kaart its
gemeenten)."""
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROFILE = HERE / "profiel.yml"


def install(root: Path) -> Path:
    """Put the invented region's profile into a fixture project; returns its path there."""
    from scripts.model import region

    target = Path(root) / region.PROFILE_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROFILE, target)
    return target


def profile():
    from scripts.model import region

    return region._load(PROFILE, PROFILE.stat().st_mtime_ns, PROFILE.stat().st_size)
