"""Hidden checks of chapter 4's section on building a loss (04a): 15 points over 4 exercises.

Every check uses the public check's predicate (lossutils.exercises.ch4a), so its reference, test cases
and tolerance: an answer the public check calls right earns every point here.
"""

from lossutils.exercises import ch4a as public
from lossutils.exercises import hidden

# ch4a-ex-laplace (3 points): the best log-scale, the profile loss and the slope of MAE.


@hidden("ch4a-ex-laplace", points=1)
def _(best_log_scale, **_):
    return public.laplace_best_log_scale(best_log_scale)


@hidden("ch4a-ex-laplace", points=1)
def _(profile_loss, **_):
    return public.laplace_profile_loss(profile_loss)


@hidden("ch4a-ex-laplace", points=1)
def _(mae_slope, **_):
    return public.laplace_mae_slope(mae_slope)


# ch4a-ex-deviance (4 points): the mean deviance (positive counts, zeros) and its gradient in z.


@hidden("ch4a-ex-deviance", points=1)
def _(mean_deviance, **_):
    return public.deviance_positive(mean_deviance)


@hidden("ch4a-ex-deviance", points=1)
def _(mean_deviance, **_):
    return public.deviance_zeros(mean_deviance)


@hidden("ch4a-ex-deviance", points=2)
def _(deviance_grad, **_):
    return public.deviance_gradient(deviance_grad)


# ch4a-ex-waiting (4 points): the gradient, the canonical link, the two predicted lasting gaps.


@hidden("ch4a-ex-waiting", points=1)
def _(nll_grad, **_):
    return public.wait_nll_grad(nll_grad)


@hidden("ch4a-ex-waiting", points=1)
def _(canonical_is_log, **_):
    return public.wait_canonical_is_log(canonical_is_log)


@hidden("ch4a-ex-waiting", points=1)
def _(predicted_ml, **_):
    return public.wait_predicted_ml(predicted_ml)


@hidden("ch4a-ex-waiting", points=1)
def _(predicted_ls, **_):
    return public.wait_predicted_ls(predicted_ls)


# ch4a-ex-diverge (4 points): the failing step, the Poisson run's largest gradient, the two gradients.


@hidden("ch4a-ex-diverge", points=1)
def _(failing_step, **_):
    return public.diverge_failing_step(failing_step)


@hidden("ch4a-ex-diverge", points=1)
def _(poisson_largest_gradient, **_):
    return public.diverge_poisson_largest(poisson_largest_gradient)


@hidden("ch4a-ex-diverge", points=1)
def _(grad_z_squared, **_):
    return public.diverge_grad_squared(grad_z_squared)


@hidden("ch4a-ex-diverge", points=1)
def _(grad_z_poisson, **_):
    return public.diverge_grad_poisson(grad_z_poisson)
