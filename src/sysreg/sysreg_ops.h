/* Callbacks named by sysreg_table.def. */
#ifndef AVSIM_SYSREG_OPS_H
#define AVSIM_SYSREG_OPS_H

#include "cpu/exception.h"
#include "sysreg/sysreg.h"

/* An EL0 access disabled by an SCTLR_EL1/CNTKCTL_EL1 control traps to EL1, or to EL2 under
 * HCR_EL2.TGE. */
static inline sr_access_t sr_trap_from_el0(const cpu_t *cpu)
{
    return exc_sync_target_el(cpu) == 2 ? SR_TRAP_EL2 : SR_TRAP_EL1;
}

#define SR_READ(fn)   uint64_t fn(cpu_t *cpu, const sysreg_t *r)
#define SR_WRITE(fn)  void fn(cpu_t *cpu, const sysreg_t *r, uint64_t val)
#define SR_ACCESS(fn) sr_access_t fn(cpu_t *cpu, const sysreg_t *r, bool read)

/* sysreg_special.c: PSTATE fields and stack pointers */
SR_READ(rd_nzcv);
SR_WRITE(wr_nzcv);
SR_READ(rd_daif);
SR_WRITE(wr_daif);
SR_ACCESS(acc_daif_el0);
SR_READ(rd_currentel);
SR_READ(rd_isr);
SR_READ(rd_spsel);
SR_WRITE(wr_spsel);
SR_ACCESS(acc_sp_el0);
SR_READ(rd_sp_el0);
SR_WRITE(wr_sp_el0);
SR_READ(rd_sp_el1);
SR_WRITE(wr_sp_el1);

/* sysreg_id.c: identification */
SR_READ(rd_midr);
SR_READ(rd_mpidr);
SR_READ(rd_id_aa64pfr0);
SR_READ(rd_ccsidr);
SR_READ(rd_clidr);
SR_WRITE(wr_csselr);
SR_READ(rd_ctr);
SR_ACCESS(acc_ctr_el0);
SR_READ(rd_dczid);

/* sysreg_control.c: control registers with side effects */
SR_WRITE(wr_sctlr);
SR_WRITE(wr_hcr);
SR_WRITE(wr_cptr);
SR_READ(rd_cptr);
SR_ACCESS(acc_cpacr);
SR_ACCESS(acc_highest_el1);

/* sysreg_debug.c: self-hosted debug registers */
SR_ACCESS(acc_debug_dcc);
SR_ACCESS(acc_debug);
SR_ACCESS(acc_debug_os);
SR_ACCESS(acc_debug_ra);
SR_WRITE(wr_oslar);
SR_WRITE(wr_mdscr);
SR_READ(rd_dbgclaim);
SR_WRITE(wr_dbgclaimset);
SR_WRITE(wr_dbgclaimclr);
SR_READ(rd_dbgdtr);
SR_WRITE(wr_dbgdtr);
SR_READ(rd_dbgdtrrx);
SR_WRITE(wr_dbgdtrtx);

/* ---- Performance Monitors: cpu/pmu.c ---- */
SR_ACCESS(acc_pm);
SR_ACCESS(acc_pmcr);
SR_ACCESS(acc_pmswinc);
SR_ACCESS(acc_pmselr);
SR_ACCESS(acc_pmccntr);
SR_ACCESS(acc_pmevcntr);
SR_ACCESS(acc_pmevtyper);
SR_ACCESS(acc_pm_tpm);
SR_READ(rd_pmcr);
SR_WRITE(wr_pmcr);
SR_READ(rd_pmset);
SR_WRITE(wr_pmset);
SR_WRITE(wr_pmswinc);
SR_READ(rd_pmceid);
SR_READ(rd_pmccntr);
SR_WRITE(wr_pmccntr);
SR_READ(rd_pmevcntr);
SR_WRITE(wr_pmevcntr);
SR_READ(rd_pmevtyper);
SR_WRITE(wr_pmevtyper);
SR_WRITE(wr_mdcr_el2);

/* ---- Generic Timer: timer/counter.c, timer/gtimer.c, timer/timer_access.c ---- */
SR_READ(rd_cntpct);
SR_READ(rd_cntvct);
SR_ACCESS(acc_cntfrq);
SR_ACCESS(acc_cntpct);
SR_ACCESS(acc_cntvct);
SR_ACCESS(acc_cntp);
SR_ACCESS(acc_cntv);
SR_ACCESS(acc_cntp_el02_nv);
SR_ACCESS(acc_cntv_el02_nv);
SR_WRITE(wr_cnthctl);
SR_WRITE(wr_cntkctl);
SR_READ(rd_cnt_ctl);
SR_WRITE(wr_cnt_ctl);
SR_READ(rd_cnt_cval);
SR_WRITE(wr_cnt_cval);
SR_READ(rd_cnt_tval);
SR_WRITE(wr_cnt_tval);
SR_WRITE(wr_cnt_offset);

/* ---- GICv3: devices/gic_cpuif.c (ICC_*, ICV_*), devices/gic_vcpuif.c (ICH_*) ---- */
SR_ACCESS(acc_icc_common);
SR_ACCESS(acc_icc_group);
SR_ACCESS(acc_icc_dir);
SR_ACCESS(acc_icc_sgi);
SR_READ(rd_icc_pmr);
SR_WRITE(wr_icc_pmr);
SR_READ(rd_icc_iar);
SR_WRITE(wr_icc_eoir);
SR_WRITE(wr_icc_dir);
SR_READ(rd_icc_hppir);
SR_READ(rd_icc_bpr);
SR_WRITE(wr_icc_bpr);
SR_READ(rd_icc_apr);
SR_WRITE(wr_icc_apr);
SR_READ(rd_icc_rpr);
SR_WRITE(wr_icc_sgi);
SR_READ(rd_icc_ctlr);
SR_WRITE(wr_icc_ctlr);
SR_READ(rd_icc_igrpen);
SR_WRITE(wr_icc_igrpen);
SR_WRITE(wr_ich_apr);
SR_WRITE(wr_ich_hcr);
SR_WRITE(wr_ich_vmcr);
SR_WRITE(wr_ich_lr);
SR_READ(rd_ich_misr);
SR_READ(rd_ich_eisr);
SR_READ(rd_ich_elrsr);

/* sysreg_cacheops.c: cache and TLB maintenance instructions */
SR_ACCESS(acc_cache_el0);
SR_ACCESS(acc_dc_zva);
SR_WRITE(op_ic_iall);
SR_WRITE(op_ic_ivau);
SR_WRITE(op_dc_clean);
SR_WRITE(op_dc_inval);
SR_WRITE(op_dc_setway);
SR_WRITE(op_dc_zva);

/* sysreg_mmu.c: translation registers, TLB maintenance, address translation */
SR_WRITE(wr_ttbr);
SR_WRITE(wr_tcr);
SR_WRITE(op_tlbi);
SR_WRITE(op_at);

/* ---- FP/SIMD control: sysreg/sysreg_fp.c ---- */
SR_ACCESS(acc_fp);
SR_READ(rd_fpcr);
SR_WRITE(wr_fpcr);
SR_READ(rd_fpsr);
SR_WRITE(wr_fpsr);
SR_WRITE(wr_cpacr); /* cpu/fp_access.c: CPACR_EL1 */

#endif
