extension WorklistBuckets {
    /// Every bucket of the worklist, grouped by capability. Append yours in your capability's block.
    static var praktik: WorklistBuckets {
        var buckets = WorklistBuckets()

        // Placements
        for bucket in PlacementWorklistBuckets.all { buckets.add(bucket) }

        return buckets
    }
}
