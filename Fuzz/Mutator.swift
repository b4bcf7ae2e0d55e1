/// Byte-level mutations of seed inputs, steered by a dictionary of the format's tricky pieces:
/// insert a piece, delete or duplicate a range, flip a byte, splice two seeds, truncate.
struct Mutator {
  let seeds: [[UInt8]]
  let dictionary: [[UInt8]]

  init(seeds: [String], dictionary: [String], rawPieces: [[UInt8]] = []) {
    self.seeds = seeds.map { Array($0.utf8) }
    self.dictionary = dictionary.map { Array($0.utf8) } + rawPieces
  }

  func input<R: RandomNumberGenerator>(using rng: inout R) -> [UInt8] {
    var bytes = seeds.randomElement(using: &rng) ?? []
    for _ in 0..<Int.random(in: 1...8, using: &rng) { mutate(&bytes, using: &rng) }
    return bytes
  }

  private func mutate<R: RandomNumberGenerator>(_ bytes: inout [UInt8], using rng: inout R) {
    let position = Int.random(in: 0...bytes.count, using: &rng)
    switch Int.random(in: 0..<10, using: &rng) {
    case 0...3:
      bytes.insert(contentsOf: dictionary.randomElement(using: &rng) ?? [], at: position)
    case 4:
      let end = min(bytes.count, position + Int.random(in: 1...16, using: &rng))
      bytes.removeSubrange(position..<end)
    case 5:
      let end = min(bytes.count, position + Int.random(in: 1...64, using: &rng))
      bytes.insert(contentsOf: Array(bytes[position..<end]), at: end)
    case 6:
      if position < bytes.count { bytes[position] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng) }
    case 7:
      let other = seeds.randomElement(using: &rng) ?? []
      let cut = Int.random(in: 0...other.count, using: &rng)
      bytes = Array(bytes[..<position]) + other[cut...]
    case 8:
      bytes.removeSubrange(position...)
    default:
      if position < bytes.count { bytes[position] = UInt8.random(in: 0...255, using: &rng) }
    }
  }
}
