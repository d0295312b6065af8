"""Item pipelines, in ITEM_PIPELINES order: normalise -> validate -> de-duplicate -> store."""
