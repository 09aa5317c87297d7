using CaseManager.Application.Common.Interfaces;

namespace CaseManager.Web.Endpoints;

/// <summary>Maps application outcomes of /api endpoints to HTTP: 400 with field errors, 404, 403, 401, 409 with the resume offset.</summary>
internal sealed class ApiExceptionFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ValidationException ex)
        {
            return Results.ValidationProblem(ex.Errors.ToDictionary(kv => kv.Key, kv => kv.Value));
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }
        catch (ForbiddenAccessException)
        {
            return Results.Forbid();
        }
        catch (UnauthorizedAccessException)
        {
            return Results.Unauthorized();
        }
        catch (UploadOffsetMismatchException ex)
        {
            return Results.Conflict(new UploadOffset(ex.CurrentOffset));
        }
        catch (EvidenceRejectedException ex)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["Upload"] = [ex.Message] });
        }
    }
}

public sealed record UploadOffset(long Offset);
