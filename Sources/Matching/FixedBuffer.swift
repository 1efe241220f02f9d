/// A fixed-size block of trivial values owned by one solver run.
///
/// The solvers' inner loops touch millions of elements; going through raw pointers avoids the
/// copy-on-write and exclusivity checks that `Array` stored in a class would pay on every access.
final class FixedBuffer<Element: BitwiseCopyable> {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    init(repeating value: Element, count: Int) {
        self.count = count
        base = .allocate(capacity: Swift.max(count, 1))
        base.initialize(repeating: value, count: count)
    }

    init(_ elements: some Collection<Element>) {
        count = elements.count
        base = .allocate(capacity: Swift.max(count, 1))
        _ = UnsafeMutableBufferPointer(start: base, count: count).initialize(from: elements)
    }

    deinit {
        base.deallocate()
    }

    subscript(index: Int) -> Element {
        get { base[index] }
        set { base[index] = newValue }
    }

    func fill(with value: Element) {
        base.update(repeating: value, count: count)
    }

    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

/// A growable stack of trivial values that keeps its storage between uses (one per solver run).
final class ReusableStack<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    @inline(__always)
    func append(_ element: Element) {
        if count == capacity { grow() }
        base[count] = element
        count += 1
    }

    @inline(__always)
    func removeAll() { count = 0 }

    subscript(index: Int) -> Element {
        get { base[index] }
        set { base[index] = newValue }
    }

    private func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.initialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}
