"""Models of penilaian arrive with their issues; see ../shared/domain/model.md."""
