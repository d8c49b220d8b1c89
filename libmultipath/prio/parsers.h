/* The prioritizers' pure parts: decoders of what devices answer (every
 * buffer is untrusted and bounds-checked) and parsers of prio_args, kept
 * apart from the I/O so that unit tests and fuzzers can reach them. The
 * numbers are those of multipath-tools 0.9.4. */
#ifndef MP_PRIO_PARSERS_H
#define MP_PRIO_PARSERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sg_result;

/* ---- alua: REPORT TARGET PORT GROUPS (SPC-4 6.36) ------------------------ */

#define ALUA_PREF_BIT 0x80
#define ALUA_STATE_MASK 0x0f

enum alua_state {
	ALUA_OPTIMIZED = 0x0,
	ALUA_NON_OPTIMIZED = 0x1,
	ALUA_STANDBY = 0x2,
	ALUA_UNAVAILABLE = 0x3,
	ALUA_LBA_DEPENDENT = 0x4,
	ALUA_OFFLINE = 0xe,
	ALUA_TRANSITIONING = 0xf,
};

/* The first descriptor of target port group tpg in RTPG parameter data
 * (length-only header): its preferred bit and access state (byte 0 &
 * 0x8f). Returns that, -ENOENT when no descriptor names tpg, -EINVAL when
 * len does not even hold the header. Descriptors are read up to the
 * header's length or len, whichever ends first. */
int rtpg_group_state(const uint8_t *buf, size_t len, unsigned int tpg);

/* Priority of a state byte: active/optimized 50, active/non-optimized 10,
 * lba-dependent 5, standby 1, others 0; +80 with the preferred bit,
 * except on an active/optimized group unless exclusive_pref is set. */
int alua_aas_prio(int aas, bool exclusive_pref);

/* "active/optimized" ... for logs. */
const char *alua_aas_name(int aas);

/* ---- ana: NVMe Asymmetric Namespace Access (NVMe 1.4 8.20) --------------- */

#define NVME_IDENTIFY_LEN 4096

enum ana_state {
	ANA_OPTIMIZED = 0x1,
	ANA_NON_OPTIMIZED = 0x2,
	ANA_INACCESSIBLE = 0x3,
	ANA_PERSISTENT_LOSS = 0x4,
	ANA_CHANGE = 0xf,
};

struct ana_caps {
	bool ana;		/* CMIC bit 3: ANA reporting */
	bool grpid_const;	/* ANACAP bit 6: ANAGRPID does not change */
	uint32_t nanagrpid;	/* number of ANA group identifiers */
	uint32_t mnan;		/* maximum number of allocated namespaces */
};

/* From Identify Controller data; -EINVAL when len cannot hold MNAN. */
int ana_ctrl_caps(const uint8_t *id, size_t len, struct ana_caps *caps);

/* ANAGRPID from Identify Namespace data; -EINVAL when too short. */
int ana_ns_grpid(const uint8_t *id, size_t len, uint32_t *grpid);

/* Bytes of the ANA log page to ask for: its header, nanagrpid group
 * descriptors and, unless only groups are wanted, mnan NSIDs; capped at
 * max (a multiple of 4). */
size_t ana_log_size(const struct ana_caps *caps, bool groups_only,
		    size_t max);

/* The ANA state of the group that lists nsid, or else of group grpid
 * (when grpid != 0), in ANA log page data. Returns the state byte,
 * -ENOENT when neither is found, -EOVERFLOW when a descriptor runs past
 * len, -EINVAL when len does not hold the header. */
int ana_log_state(const uint8_t *log, size_t len, uint32_t nsid,
		  uint32_t grpid);

/* optimized 50, non-optimized 10, inaccessible 1, persistent loss 0,
 * change 1 (as the reference); -EINVAL for other values. */
int ana_state_prio(int state);

const char *ana_state_name(int state);

/* ---- datacore: SANsymphony preferred node -------------------------------- */

#define DATACORE_SDS_SIZE 255
#define DATACORE_TIMEOUT_MS 2000

/* "preferredsds=NAME [timeout=MS]" or "timeout=MS preferredsds=NAME":
 * 0, or -EINVAL (missing or unexpected form, NAME shorter than 2
 * characters, timeout outside [500, 20000]). */
int datacore_parse_args(const char *args, char sds[DATACORE_SDS_SIZE],
			int *timeout_ms);

/* 1 when the SDS name in standard INQUIRY data (bytes 112-127) contains
 * sds, else 0. */
int datacore_inquiry_prio(const uint8_t *inq, size_t len, const char *sds);

/* ---- emc: CLARiiON/VNX vendor page 0xC0 ---------------------------------- */

#define EMC_PAGE 0xc0

/* The LUN state (0 unbound, 1 bound, 2 owned) + 2 when this path's SP is
 * the default owner; -EINVAL for an unknown page format, -ENXIO when the
 * path is not set up for failover, -EBUSY when the LUN is not in normal
 * operation. */
int emc_c0_prio(const uint8_t *pg, size_t len);

/* ---- hds: Hitachi AMS/DF controller and LDEV parity ---------------------- */

/* 1 when the controller digit (byte 49) and the LDEV's last hex digit
 * (byte 47) have the same parity, 0 when they differ, -EINVAL when either
 * is not a digit of the reference's sets. */
int hds_inquiry_prio(const uint8_t *inq, size_t len);

/* ---- hp_sw: HP active/standby through TEST UNIT READY -------------------- */

#define HP_SW_ACTIVE 4
#define HP_SW_STANDBY 2
#define HP_SW_FAILED 0

/* Priority from a TEST UNIT READY outcome (sg_io() result r and res):
 * good or recovered 4, NOT READY 04/02 (standby) 2, else 0; -EAGAIN
 * for a unit attention after a reset (29/xx), to be retried. */
int hp_sw_tur_prio(int r, const struct sg_result *res);

/* ---- ontap: NetApp ONTAP vendor commands --------------------------------- */

/* GET VOLUME ATTRIBUTES page 0x41: 3 iSCSI HBA, 2 iSCSI software, 0 not
 * decided (ask the FCP proxy page next), -EINVAL when the answer is not
 * in GVA format (the reference then gives priority 0). */
int ontap_gva_prio(const uint8_t *res, size_t len);

/* Proxy INQUIRY page 0xC1: 1 for a proxy path, else 4. */
int ontap_proxy_prio(const uint8_t *res, size_t len);

/* ---- rdac: LSI/Engenio volume access control page 0xC9 ------------------- */

#define RDAC_PAGE 0xc9

/* 2 when this controller owns the volume, | 4 preferred path, | 1
 * secondary path, | 8 in IO shipping mode; -EINVAL when the page is not
 * the "vac" page. */
int rdac_c9_prio(const uint8_t *pg, size_t len);

/* detect_prio's RDAC test: page 0xC9 with identifier "vac1". */
bool rdac_c9_is_vac1(const uint8_t *pg, size_t len);

/* True when supported VPD pages data (page 0) lists page. */
bool vpd_page_listed(const uint8_t *pg0, size_t len, uint8_t page);

/* ---- iet: preferred iSCSI portal address --------------------------------- */

#define IET_IP_SIZE 255

/* "preferredip=ADDR": 0, or -EINVAL (no match, ADDR of 7 characters or
 * fewer). */
int iet_parse_args(const char *args, char ip[IET_IP_SIZE]);

/* True when the first dotted quad in addr is a prefix of preferred, the
 * reference's comparison. */
bool iet_address_matches(const char *addr, const char *preferred);

/* ---- path_latency -------------------------------------------------------- */

#define PL_IO_NUM_MIN 20
#define PL_IO_NUM_MAX 200
#define PL_IO_NUM_DEF 100
#define PL_BASE_NUM_MIN 1.1
#define PL_BASE_NUM_MAX 10.0
#define PL_BASE_NUM_DEF 1.77827941004	/* 10^(1/4): 4 steps per decade */

/* "io_num=N base_num=M" (the first two words; io_num in [20, 200],
 * base_num in [1.1, 10]): 0, or -EINVAL (the caller then uses the
 * defaults, like the reference). */
int path_latency_parse_args(const char *args, int *io_num, double *base_num);

/* Priority from n read latencies (microseconds; zeros are skipped but
 * counted): the average of their logarithms in base base_num, mapped onto
 * [1 us, 100 s]: log(100 s) - average, truncated; 0 from 100 s on. -ENOSYS
 * when the math library is unavailable. */
int path_latency_prio(const long long *us, size_t n, double base_num);

/* ---- weightedpath -------------------------------------------------------- */

enum wp_key {
	WP_HBTL,
	WP_DEVNAME,
	WP_SERIAL,
	WP_WWN,
};

/* The first word of prio_args: its key and, in *rest, the regex/priority
 * pairs after it. -ENODATA for empty args, -EINVAL for an unknown key. */
int weightedpath_parse_key(const char *args, enum wp_key *key,
			   const char **rest);

/* The priority of the first "regex prio" pair in pairs whose regex
 * (extended, unanchored) matches subject; pairs with a bad regex are
 * skipped, a lone regex ends the list. False when none matches. */
bool weightedpath_match(const char *pairs, const char *subject, int *prio);

#endif
