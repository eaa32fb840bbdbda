//! The extent of an XLS (BIFF8 in a compound file) before the spreadsheet reader sees it. The
//! reader makes a dense range of every sheet as it opens the file, sized by the furthest cell:
//! a 5.6 KB file with one cell at row 65 536, column 256 asked for 1 GB. This reads the
//! compound file's `Workbook` stream (from its sectors or the mini stream) and the cell
//! records' positions, nothing else.

/// Cell records (BIFF8): NUMBER, RK, LABELSST, LABEL, BOOLERR, FORMULA, BLANK, RSTRING; and
/// the two that span columns, MULRK and MULBLANK.
const CELL_RECORDS: [u16; 8] = [
    0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x0201, 0x00D6,
];
const MULTI_RECORDS: [u16; 2] = [0x00BD, 0x00BE];
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;

const FREE: u32 = 0xFFFF_FFFF;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The compound file's sectors: the file's bytes and its sector size.
struct Compound<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
}

impl<'a> Compound<'a> {
    fn open(bytes: &'a [u8]) -> Option<Compound<'a>> {
        if bytes.get(..8)? != [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
            return None;
        }
        let sector = 1usize.checked_shl(u32::from(u16_at(bytes, 0x1E)?))?;
        if !(128..=65_536).contains(&sector) {
            return None;
        }
        let mut compound = Compound {
            bytes,
            sector,
            fat: Vec::new(),
        };
        // The FAT's sectors: the 109 in the header, then the DIFAT chain.
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(bytes, 0x4C + 4 * i))
            .filter(|s| *s != FREE)
            .collect();
        let mut difat = u32_at(bytes, 0x44)?;
        let per_sector = sector / 4;
        let mut guard = 0;
        while difat != END_OF_CHAIN && difat != FREE && guard < 10_000 {
            let data = compound.sector_bytes(difat)?;
            fat_sectors.extend(
                (0..per_sector - 1)
                    .filter_map(|i| u32_at(data, 4 * i))
                    .filter(|s| *s != FREE),
            );
            difat = u32_at(data, sector - 4)?;
            guard += 1;
        }
        for s in fat_sectors.into_iter().take(1 << 16) {
            let data = compound.sector_bytes(s)?;
            compound
                .fat
                .extend((0..per_sector).filter_map(|i| u32_at(data, 4 * i)));
        }
        Some(compound)
    }

    fn sector_bytes(&self, index: u32) -> Option<&'a [u8]> {
        let start = (index as usize + 1).checked_mul(self.sector)?;
        self.bytes.get(start..start + self.sector)
    }

    /// The bytes of the chain starting at `first`, at most `size` of them.
    fn chain(&self, first: u32, size: usize) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(size.min(self.bytes.len()));
        let mut next = first;
        let mut steps = 0;
        while next != END_OF_CHAIN && out.len() < size {
            out.extend_from_slice(self.sector_bytes(next)?);
            next = *self.fat.get(next as usize)?;
            steps += 1;
            if steps > self.fat.len() {
                return None; // a cycle
            }
        }
        out.truncate(size);
        Some(out)
    }

    /// The bytes of a stream under 4 096 bytes: 64-byte mini sectors inside the root entry's
    /// stream, chained by the mini FAT.
    fn mini_chain(&self, root: &[u8], first: u32, size: usize) -> Option<Vec<u8>> {
        let mini_stream = self.chain(u32_at(root, 0x74)?, u32_at(root, 0x78)? as usize)?;
        let mini_fat_bytes = self.chain(u32_at(self.bytes, 0x3C)?, self.bytes.len())?;
        let mini_fat: Vec<u32> = mini_fat_bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let mut out = Vec::with_capacity(size);
        let mut next = first;
        let mut steps = 0;
        while next != END_OF_CHAIN && out.len() < size {
            let start = (next as usize).checked_mul(64)?;
            out.extend_from_slice(mini_stream.get(start..start + 64)?);
            next = *mini_fat.get(next as usize)?;
            steps += 1;
            if steps > mini_fat.len() {
                return None; // a cycle
            }
        }
        out.truncate(size);
        Some(out)
    }

    /// The `Workbook` stream (from the regular sectors, or the mini stream when it is small).
    fn workbook(&self) -> Option<Vec<u8>> {
        let directory = self.chain(u32_at(self.bytes, 0x30)?, self.bytes.len())?;
        let root = directory.get(..128)?;
        for entry in directory.chunks_exact(128) {
            let name_len = usize::from(u16_at(entry, 0x40)?).min(64);
            let name: Vec<u16> = entry[..name_len]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|c| *c != 0)
                .collect();
            let name = String::from_utf16_lossy(&name);
            if entry[0x42] == 2 && (name == "Workbook" || name == "Book") {
                let size = u32_at(entry, 0x78)? as usize;
                let first = u32_at(entry, 0x74)?;
                return if size < 4096 {
                    self.mini_chain(root, first, size)
                } else {
                    self.chain(first, size)
                };
            }
        }
        None
    }
}

/// The cells the reader would allocate for the workbook's sheets (each sheet's dense range,
/// from its cell records' positions), or None when the file is not a compound file the scan
/// can read (the reader then judges it).
pub(crate) fn dense_cells(bytes: &[u8]) -> Option<u64> {
    let compound = Compound::open(bytes)?;
    let stream = compound.workbook()?;
    let mut total: u64 = 0;
    // Per sheet: row and column bounds.
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    let mut close = |bounds: &mut Option<(u32, u32, u32, u32)>| {
        if let Some((r0, r1, c0, c1)) = bounds.take() {
            total =
                total.saturating_add(u64::from(r1 - r0 + 1).saturating_mul(u64::from(c1 - c0 + 1)));
        }
    };
    let mut at = 0;
    while let (Some(kind), Some(len)) = (u16_at(&stream, at), u16_at(&stream, at + 2)) {
        let data = stream.get(at + 4..at + 4 + usize::from(len))?;
        let mut extend = |row: u32, first: u32, last: u32| {
            let b = bounds.get_or_insert((row, row, first, last));
            *b = (b.0.min(row), b.1.max(row), b.2.min(first), b.3.max(last));
        };
        if CELL_RECORDS.contains(&kind) {
            if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                extend(u32::from(row), u32::from(col), u32::from(col));
            }
        } else if MULTI_RECORDS.contains(&kind) && data.len() >= 6 {
            if let (Some(row), Some(first), Some(last)) = (
                u16_at(data, 0),
                u16_at(data, 2),
                u16_at(data, data.len() - 2),
            ) {
                extend(u32::from(row), u32::from(first), u32::from(first.max(last)));
            }
        } else if kind == BOF || kind == EOF {
            close(&mut bounds);
        }
        at += 4 + usize::from(len);
    }
    close(&mut bounds);
    Some(total)
}
